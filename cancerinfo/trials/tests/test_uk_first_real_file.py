"""The UK-first finder and honest status on the real ClinicalTrials.gov sample (../shared/data/clinicaltrials/),
searched from Leeds (LS1 4AP) as a new user would.

"Today" is fixed at 1 December 2025, a week after the newest record in the sample, so each record's age is what it
was when the sample was taken. Of its 1,102 studies, five about cancer have a UK site: one "Recruiting" in London
whose record was last updated on 20 April 2018 (NCT01194648), one "opening soon" since 2023, two finished, and one
the importer finds is not about cancer.
"""

import datetime
import io
import re
from html import unescape

import pytest
from django.conf import settings
from django.core.management import call_command

from cancerinfo.taxonomy.models import CancerType
from cancerinfo.trials import freshness
from cancerinfo.trials.choices import Status
from cancerinfo.trials.importer import is_uk
from cancerinfo.trials.models import Trial

pytestmark = pytest.mark.django_db

SNAPSHOT_DAY = datetime.date(2025, 12, 1)
STALE = "NCT01194648"  # "Recruiting" at one London site; the registry last updated it on 20 April 2018
LEEDS = "LS1 4AP"


@pytest.fixture
def real_trials(finder, monkeypatch):
    for needed in (settings.TRIALS_DEMO_STUDIES, settings.TRIALS_POSTCODE_DISTRICTS_CSV):
        if not needed.exists():
            pytest.skip(f"The shared data is not at {needed} (see ../shared/data/README.md)")
    monkeypatch.setattr(freshness, "today", lambda: SNAPSHOT_DAY)
    for name in ("Prostate cancer", "Lung cancer", "Myeloma", "Breast cancer", "Secondary bone cancer"):
        CancerType.objects.get_or_create(name=name)
    out = io.StringIO()
    call_command("load_postcode_districts", stdout=out)
    call_command("import_trials", str(settings.TRIALS_DEMO_STUDIES), stdout=out, stderr=io.StringIO())
    return finder


def results(response):
    return response.context["results"]


def registry_ids(response):
    return [item.trial.registry_id for item in results(response).items]


def has_uk_site(registry_id):
    return any(is_uk(site.country) for site in Trial.objects.get(registry_id=registry_id).sites.all())


def test_from_leeds_the_default_finder_lists_only_trials_at_a_uk_site_nearest_first(client, real_trials):
    # Every status, so there is a list to order: the UK's cancer trials in the sample, and nothing else.
    everything = client.get(real_trials.url, {"postcode": LEEDS, "status": "all"})
    found = registry_ids(everything)
    assert len(found) == 4 and all(has_uk_site(registry_id) for registry_id in found)
    distances = [item.distance for item in results(everything).items]
    assert None not in distances and distances == sorted(distances)
    assert distances[-1] < 400  # measured to UK sites, never to the ones abroad
    anywhere = client.get(real_trials.url, {"postcode": LEEDS, "status": "all", "where": "anywhere"})
    assert results(anywhere).total > 100 and not all(has_uk_site(r) for r in registry_ids(anywhere))

    # The default: recruiting now at a UK site, its status confirmed. The sample's only one is not confirmed.
    default = client.get(real_trials.url, {"postcode": LEEDS})
    html = default.content.decode()
    assert default.status_code == 200
    assert registry_ids(default) == []
    assert STALE not in html
    assert "<strong>At a UK site</strong>" in html
    assert "We do not know of any trials like this near LS1 4AP at a UK site." in html
    # When nothing is near, say what to do: ask a nurse, or widen to anywhere (one click, clearly labelled).
    assert re.search(r'<a href="/contact-us/ask-a-nurse/\?subject=Clinical\+trials\+near\+LS1[^"]*">Ask a nurse', html)
    widen = re.search(r'<a href="([^"]+)">Include trials outside the UK: (\d+) trials at any distance</a>', html)
    assert widen is not None
    wider = client.get(unescape(widen.group(1)))
    assert results(wider).total == int(widen.group(2)) > 0
    assert "<strong>Anywhere, including outside the UK</strong>" in wider.content.decode()
    assert STALE not in registry_ids(wider)  # not confirmed: left out anywhere too


def test_the_stale_recruiting_trial_is_labelled_and_reached_by_its_filter_and_its_address(client, real_trials):
    trial = Trial.objects.get(registry_id=STALE)
    assert trial.status == Status.RECRUITING and trial.last_updated == datetime.date(2018, 4, 20)
    unconfirmed = client.get(real_trials.url, {"postcode": LEEDS, "status": "unconfirmed"})
    # With the myeloma trial "opening soon" since 2023 (NCT05827016): both say they are open, neither is confirmed.
    assert sorted(registry_ids(unconfirmed)) == [STALE, "NCT05827016"]
    assert all(item.unconfirmed for item in results(unconfirmed).items)
    item = next(item for item in results(unconfirmed).items if item.trial.registry_id == STALE)
    assert 160 < item.distance < 180  # London from Leeds
    html = unconfirmed.content.decode()
    assert (
        '<span class="trial-status--unconfirmed">Status not confirmed since 20 April 2018</span> '
        "(the registry last said: Recruiting)" in html
    )
    page = client.get(f"{real_trials.url}{STALE}/")
    assert page.status_code == 200
    assert "Status not confirmed since 20 April 2018" in page.content.decode()
    assert "This trial may have closed." in page.content.decode()


def test_a_cancer_type_with_nothing_near_suggests_wider_distances_and_related_types(client, real_trials):
    prostate = CancerType.objects.get(name="Prostate cancer")
    response = client.get(
        real_trials.url, {"postcode": LEEDS, "cancer": prostate.slug, "status": "all", "distance": "50"}
    )
    html = response.content.decode()
    assert registry_ids(response) == []
    assert "We do not know of any trials like this within 50 miles of LS1 4AP at a UK site." in html
    assert "Widen the distance:" in html
    wider = re.findall(r'<a href="([^"]+)">(Within \d+ miles|At any distance): (\d+) trials?</a>', html)
    assert wider
    for url, _, count in wider:
        assert results(client.get(unescape(url))).total == int(count)
    asked = re.search(r'href="(/contact-us/ask-a-nurse/\?[^"]+)">Ask a nurse about this</a>', html).group(1)
    assert "subject=Clinical+trials+for+prostate+cancer+near+LS1" in asked and "cancer_type=prostate-cancer" in asked


def test_no_trial_in_the_prescription_builder_is_withdrawn_finished_or_of_unknown_status(client, real_trials):
    offered = set()
    for query in ("cancer", "prostate", "lung", "breast", "tumour", "carcinoma", "lymphoma", "study", "trial"):
        page = client.get("/health-professionals/prescription/", {"q": query}).content.decode()
        offered |= {int(pk) for pk in re.findall(r'value="trial:(\d+)"', page)}
    assert offered  # the sample has recruiting cancer trials whose status was confirmed in the year before
    trials = Trial.objects.filter(pk__in=offered)
    assert {t.status for t in trials} <= {Status.RECRUITING, Status.NOT_YET_RECRUITING}
    assert all(t.last_updated >= datetime.date(2024, 12, 1) for t in trials)
    assert not Trial.objects.filter(pk__in=offered, registry_id=STALE).exists()
