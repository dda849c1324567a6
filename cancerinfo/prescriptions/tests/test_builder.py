"""A health professional builds an information prescription: search, tick, order, create without an account; a note
needs a verified professional account (test_professional_notes.py)."""

import pytest

from cancerinfo.prescriptions.drafts import CREATED_KEY, SESSION_KEY
from cancerinfo.prescriptions.models import NOTE_MAX_LENGTH, Prescription

BUILDER = "/health-professionals/prescription/"
pytestmark = pytest.mark.django_db


def keys(client):
    return client.session.get(SESSION_KEY, {}).get("items", [])


def add(client, *values, q="bone"):
    return client.post(BUILDER, {"action": "add", "add": [f"{kind}:{obj.pk}" for kind, obj in values], "q": q})


def test_the_health_professionals_area_lists_professional_booklets_ordering_referral_and_the_builder(
    client, content, site_tree
):
    from cancerinfo.booklets.tests.factories import make_booklet

    make_booklet(site_tree["cancer-types"], title="Bone metastases for clinicians", audience="professionals")
    page = client.get("/health-professionals/").content.decode()
    assert "Bone metastases for clinicians" in page
    assert "Understanding bone metastases" not in page  # a patient booklet
    assert 'href="/publications/"' in page
    assert 'href="/contact-us/ask-a-nurse/"' in page
    assert 'href="/health-professionals/prescription/"' in page


def test_search_finds_each_kind_of_item(client, content):
    page = client.get(BUILDER, {"q": "bone"}).content.decode()
    for kind in ("section", "question", "organisation", "trial"):
        assert f'value="{kind}:{content[kind].pk}"' in page, kind
    assert "Do not include patient names" in page


def test_add_reorder_remove_note_and_create(professional_client, content):
    client = professional_client
    response = add(client, ("section", content["section"]), ("question", content["question"]))
    assert response.status_code == 302 and response["Location"] == BUILDER + "?q=bone#chosen"
    add(client, ("organisation", content["organisation"]), ("trial", content["trial"]))
    assert keys(client) == [
        ["section", content["section"].pk],
        ["question", content["question"].pk],
        ["organisation", content["organisation"].pk],
        ["trial", content["trial"].pk],
    ]
    # Ticking something already chosen does not add it twice.
    add(client, ("section", content["section"]))
    assert len(keys(client)) == 4

    client.post(BUILDER, {"action": "down:0", "note": ""})
    assert [k[0] for k in keys(client)] == ["question", "section", "organisation", "trial"]
    client.post(BUILDER, {"action": "up:3", "note": ""})
    assert [k[0] for k in keys(client)] == ["question", "section", "trial", "organisation"]
    client.post(BUILDER, {"action": "up:0", "note": ""})  # already first: nothing moves
    client.post(BUILDER, {"action": "remove:1", "note": ""})
    assert [k[0] for k in keys(client)] == ["question", "trial", "organisation"]

    page = client.get(BUILDER).content.decode()
    assert (
        page.index("Can radiotherapy help bone pain?")
        < page.index("A bone pain trial")
        < page.index("Bone Pain Helpers")
    )

    client.post(BUILDER, {"action": "save", "note": "Read these before we meet on Tuesday."})
    assert client.session[SESSION_KEY]["note"] == "Read these before we meet on Tuesday."

    response = client.post(BUILDER, {"action": "create", "note": "Read these before we meet on Tuesday."})
    assert response.status_code == 302 and response["Location"] == "/health-professionals/prescription/created/"
    prescription = Prescription.objects.get()
    assert prescription.items == [
        ["question", content["question"].pk],
        ["trial", content["trial"].pk],
        ["organisation", content["organisation"].pk],
    ]
    assert prescription.note == "Read these before we meet on Tuesday."
    assert SESSION_KEY not in client.session  # the builder starts empty again

    created = client.get(response["Location"])
    text = created.content.decode()
    assert f"/p/{prescription.display_code}/" in text
    assert "/revoke/" in text
    assert created["Cache-Control"] == "no-store"
    # The revoke link is shown once only.
    assert CREATED_KEY not in client.session
    assert client.get(response["Location"]).status_code == 302

    page = client.get(prescription.get_absolute_url()).content.decode()
    assert "Read these before we meet on Tuesday." in page
    assert page.index("Can radiotherapy help bone pain?") < page.index("Bone Pain Helpers")
    assert "Understanding bone metastases: Treating pain" not in page  # removed


def test_a_note_over_the_limit_is_refused_with_an_error_summary_linking_to_the_field(professional_client, content):
    client = professional_client
    add(client, ("section", content["section"]))
    response = client.post(BUILDER, {"action": "create", "note": "x" * (NOTE_MAX_LENGTH + 1)})
    assert response.status_code == 400
    text = response.content.decode()
    assert "There is a problem" in text and 'href="#id_note"' in text
    assert f"{NOTE_MAX_LENGTH} characters or fewer" in text
    assert not Prescription.objects.exists()


def test_creating_an_empty_prescription_is_refused(client, content):
    response = client.post(BUILDER, {"action": "create", "note": ""})
    assert response.status_code == 400
    assert "Add at least one item" in response.content.decode()
    assert not Prescription.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        {"action": "add", "add": "section:abc"},
        {"action": "add", "add": "wizard:1"},
        {"action": "add"},
        {"action": "remove:99", "note": ""},
        {"action": "up:x", "note": ""},
        {"action": "explode"},
    ],
)
def test_strange_input_gets_a_message_not_a_500(client, content, data):
    response = client.post(BUILDER, data)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()


def test_items_that_are_unpublished_later_are_left_out(client, content):
    prescription, _ = Prescription.create([["section", content["section"].pk], ["question", content["question"].pk]])
    content["question"].unpublish()
    page = client.get(prescription.get_absolute_url()).content.decode()
    assert "Treating pain" in page and "Can radiotherapy help bone pain?" not in page


def test_making_prescriptions_is_limited_per_client_address(client, content, settings):
    settings.PRESCRIPTIONS_PER_HOUR = 2
    for _ in range(2):
        add(client, ("section", content["section"]))
        assert client.post(BUILDER, {"action": "create", "note": ""}).status_code == 302
    add(client, ("section", content["section"]))
    refused = client.post(BUILDER, {"action": "create", "note": ""})
    assert refused.status_code == 400
    assert "many prescriptions in the last hour" in refused.content.decode()
    assert Prescription.objects.count() == 2
    other = client.post(BUILDER, {"action": "create", "note": ""}, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302


def test_each_kind_of_result_has_a_heading_in_good_english(client, content):
    page = client.get(BUILDER, {"q": "bone"}).content.decode()
    for heading in ("Booklet sections", "Questions and answers", "Support organisations", "Clinical trials"):
        assert f"<legend>{heading}</legend>" in page
    assert "question and answers" not in page.lower()


def test_the_builder_offers_only_trials_a_person_could_join_with_a_confirmed_status(client, content):
    """Never withdrawn, stopped, finished or unknown-status trials, nor one whose status the registry has not
    confirmed for over 12 months (trials/freshness.py); a prescribed trial that has since closed is left out."""
    import datetime

    from cancerinfo.trials import freshness
    from cancerinfo.trials.choices import Status
    from cancerinfo.trials.tests.factories import make_trial

    offered = {"Bone trial opening soon": make_trial("Bone trial opening soon", status=Status.NOT_YET_RECRUITING)}
    refused = {
        f"Bone trial {status.label.lower()}": make_trial(f"Bone trial {status.label.lower()}", status=status)
        for status in (Status.WITHDRAWN, Status.TERMINATED, Status.COMPLETED, Status.UNKNOWN)
    }
    stale = freshness.today() - datetime.timedelta(days=400)
    refused["Bone trial not confirmed"] = make_trial("Bone trial not confirmed", last_updated=stale)
    page = client.get(BUILDER, {"q": "bone"}).content.decode()
    assert f'value="trial:{content["trial"].pk}"' in page
    for title, trial in offered.items():
        assert f'value="trial:{trial.pk}"' in page, title
    for title, trial in refused.items():
        assert f'value="trial:{trial.pk}"' not in page and title not in page, title

    add(client, ("trial", content["trial"]))
    assert "A bone pain trial" in client.get(BUILDER).content.decode()
    content["trial"].status = Status.WITHDRAWN
    content["trial"].save()
    assert "A bone pain trial" not in client.get(BUILDER).content.decode()
