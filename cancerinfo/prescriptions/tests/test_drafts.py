"""The prescription draft as a plain service: what each button of the builder does to the draft in a session."""

from urllib.parse import urlencode

import pytest
from django.http import QueryDict

from cancerinfo.prescriptions import drafts, services
from cancerinfo.prescriptions.models import NOTE_MAX_LENGTH, Prescription


def posted(**fields) -> QueryDict:
    return QueryDict(urlencode(fields, doseq=True))


def session_with(*items, note=""):
    return {drafts.SESSION_KEY: {"items": [list(item) for item in items], "note": note}}


def allowed():
    return True


def refused():
    return False


def test_ticked_items_are_added_once_each_in_the_order_ticked():
    session = session_with(["section", 1])
    outcome = drafts.submit(session, posted(action="add", add=["question:2", "section:1", "trial:3"]), None, allowed)
    assert outcome == drafts.Outcome()
    assert drafts.load(session).items == [["section", 1], ["question", 2], ["trial", 3]]


def test_adding_nothing_or_a_forged_key_is_an_error_and_changes_nothing():
    session = session_with(["section", 1])
    nothing = drafts.submit(session, posted(action="add"), None, allowed)
    assert nothing.errors == [("search-q", "Tick at least one item to add it to the prescription.")]
    forged = drafts.submit(session, posted(action="add", add=["question:2", "page:9"]), None, allowed)
    assert forged.errors == [("search-q", "Some of the items could not be added. Search again and tick them.")]
    assert drafts.load(session).items == [["section", 1]]


def test_a_draft_holds_at_most_the_limit_of_items():
    session = {}
    keys = [f"trial:{pk}" for pk in range(services.MAX_ITEMS + 2)]
    outcome = drafts.submit(session, posted(action="add", add=keys), None, allowed)
    assert outcome.errors == [("search-q", f"A prescription can hold up to {services.MAX_ITEMS} items.")]
    assert len(drafts.load(session).items) == services.MAX_ITEMS


@pytest.mark.parametrize(
    ("action", "expected"),
    [
        ("up:1", [["trial", 2], ["section", 1], ["question", 3]]),
        ("down:1", [["section", 1], ["question", 3], ["trial", 2]]),
        ("remove:1", [["section", 1], ["question", 3]]),
        ("up:0", [["section", 1], ["trial", 2], ["question", 3]]),  # the first cannot go higher
        ("down:2", [["section", 1], ["trial", 2], ["question", 3]]),  # nor the last lower
    ],
)
def test_items_move_up_and_down_and_are_removed(action, expected):
    session = session_with(["section", 1], ["trial", 2], ["question", 3])
    assert drafts.submit(session, posted(action=action, note=""), None, allowed).errors == []
    assert drafts.load(session).items == expected


@pytest.mark.parametrize("action", ["remove:3", "up:x", "down:"])
def test_moving_an_item_that_is_not_there_says_so(action):
    session = session_with(["section", 1], ["trial", 2], ["question", 3])
    outcome = drafts.submit(session, posted(action=action, note=""), None, allowed)
    assert outcome.errors == [("chosen", "That item is no longer on the list.")]
    assert len(drafts.load(session).items) == 3


def test_an_unknown_action_is_an_error():
    outcome = drafts.submit({}, posted(action="explode", note=""), None, allowed)
    assert outcome.errors == [("search-q", "Something went wrong. Please try again.")]


def test_only_a_signed_in_professional_keeps_a_note():
    professional = object()
    session = {}
    outcome = drafts.submit(session, posted(action="save", note="Read these first."), None, allowed)
    assert outcome.errors == [("id_note", drafts.NOTE_NEEDS_SIGN_IN)]
    assert outcome.note == "Read these first."  # shown back in the form, not kept
    assert drafts.load(session, professional).note == ""
    assert drafts.submit(session, posted(action="save", note="Read these first."), professional, allowed).errors == []
    assert drafts.load(session, professional).note == "Read these first."
    assert drafts.load(session, None).note == ""  # signed out: the note is not shown


def test_a_note_longer_than_the_limit_is_refused():
    professional = object()
    session = {}
    too_long = "x" * (NOTE_MAX_LENGTH + 1)
    outcome = drafts.submit(session, posted(action="save", note=too_long), professional, allowed)
    assert outcome.errors == [
        ("id_note", f"The note must be {NOTE_MAX_LENGTH} characters or fewer. It has {NOTE_MAX_LENGTH + 1}.")
    ]
    assert drafts.load(session, professional).note == ""


def test_a_malformed_session_gives_an_empty_draft():
    session = {drafts.SESSION_KEY: {"items": [["page", 1], "section:2", ["trial"]], "note": 5}}
    assert drafts.load(session, object()) == drafts.Draft(items=[], note="5")


@pytest.mark.django_db
def test_create_makes_the_prescription_from_items_that_still_exist_and_starts_a_new_draft(content, professional):
    session = session_with(["section", content["section"].pk], ["trial", 999999], note="Read these first.")
    outcome = drafts.submit(session, posted(action="create", note="Read these first."), professional, allowed)
    assert outcome.created and outcome.errors == []
    prescription = Prescription.objects.get()
    assert prescription.items == [["section", content["section"].pk]]
    assert prescription.note == "Read these first." and prescription.author == professional
    assert drafts.SESSION_KEY not in session
    found, token = drafts.take_created(session)
    assert found == prescription and prescription.check_revoke_token(token)
    assert drafts.take_created(session) is None  # shown once


@pytest.mark.django_db
def test_create_with_nothing_that_exists_or_past_the_allowance_makes_nothing(content):
    empty = drafts.submit(session_with(["trial", 999999]), posted(action="create", note=""), None, allowed)
    assert empty.errors == [("search-q", "Add at least one item before you create the prescription.")]
    session = session_with(["section", content["section"].pk])
    busy = drafts.submit(session, posted(action="create", note=""), None, refused)
    assert busy.errors == [("search-q", "You have made many prescriptions in the last hour. Please try again later.")]
    assert not busy.created and Prescription.objects.count() == 0
    assert drafts.load(session).items == [["section", content["section"].pk]]


@pytest.mark.django_db
def test_search_results_leave_out_what_is_already_chosen(content):
    draft = drafts.Draft(items=[["section", content["section"].pk]])
    chosen, groups = drafts.choices("bone", draft)
    assert [item.pk for item in chosen] == [content["section"].pk]
    listed = {item.key for _label, items in groups for item in items}
    assert f"section:{content['section'].pk}" not in listed
    assert f"question:{content['question'].pk}" in listed
