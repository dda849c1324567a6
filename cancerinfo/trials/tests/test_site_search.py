"""Trials in the site search: our own pages first unless the query is about trials; closed and long-silent trials
left out unless asked for."""

import datetime

import pytest
from django.utils import timezone

from cancerinfo.booklets.tests.factories import add_section, make_booklet
from cancerinfo.search import services
from cancerinfo.trials.choices import Status

from .factories import make_trial

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_index():
    services.reset()
    yield
    services.reset()


def kinds_and_titles(query: str, **options) -> list[tuple[str, str]]:
    outcome = services.search(query, log=False, **options)
    return [(r.document.kind, r.document.title) for r in outcome.results]


@pytest.fixture
def booklet_section(site_tree):
    booklet = make_booklet(site_tree["cancer-types"], "Understanding prostate cancer", sections=0)
    return add_section(
        booklet,
        "Radiotherapy for prostate cancer",
        body="<p>Radiotherapy for prostate cancer uses high-energy rays to destroy the cancer cells.</p>",
    )


def test_our_pages_come_before_registry_trials_unless_the_query_is_about_trials(finder, booklet_section):
    make_trial("Radiotherapy for prostate cancer", sites=["M1"], registry_summary="Radiotherapy for prostate cancer.")
    ranked = kinds_and_titles("radiotherapy for prostate cancer")
    assert ranked.index(("section", "Radiotherapy for prostate cancer")) < ranked.index(
        ("trial", "Radiotherapy for prostate cancer")
    )
    ranked = kinds_and_titles("radiotherapy for prostate cancer trials")
    assert ranked[0] == ("trial", "Radiotherapy for prostate cancer")


def test_closed_and_long_silent_trials_are_left_out_unless_asked_for(finder, client):
    today = timezone.localdate()
    make_trial("Proton beam therapy study A", sites=["M1"], last_updated=today)
    make_trial("Proton beam therapy study B", sites=["M1"], status=Status.COMPLETED, last_updated=today)
    make_trial("Proton beam therapy study C", sites=["M1"], last_updated=today - datetime.timedelta(days=3 * 365))
    make_trial("Proton beam therapy study D", sites=["M1"], status=Status.WITHDRAWN, last_updated=today)
    # Its status not confirmed for 13 months: over the default of 12 (freshness.py).
    make_trial("Proton beam therapy study E", sites=["M1"], last_updated=today - datetime.timedelta(days=396))

    assert [title for _, title in kinds_and_titles("proton beam therapy", kinds=["trial"])] == [
        "Proton beam therapy study A"
    ]
    everything = {title for _, title in kinds_and_titles("proton beam therapy", kinds=["trial"], include_closed=True)}
    assert everything == {f"Proton beam therapy study {letter}" for letter in "ABCDE"}

    page = client.get("/search/", {"q": "proton beam therapy"}).content.decode()
    assert "study A" in page and "study B" not in page
    assert 'name="closed"' in page  # the filter that brings them back
    page = client.get("/search/", {"q": "proton beam therapy", "closed": "on"}).content.decode()
    assert "study B" in page and "study C" in page


def test_a_trial_with_no_site_in_the_uk_comes_after_one_near_our_readers(finder):
    from cancerinfo.trials.models import TrialSite

    # The overseas trial's record even says it better; the UK trial still comes first.
    overseas = make_trial(
        "Cryotherapy for kidney tumours in Boston",
        last_updated=timezone.localdate(),
        registry_summary="Cryotherapy freezes kidney tumours.",
        sites=(),
    )
    TrialSite.objects.create(trial=overseas, name="Clinic", city="Boston", country="United States")
    make_trial("Cryotherapy for kidney tumours in Leeds", sites=["LS9"], last_updated=timezone.localdate())
    ranked = [title for _, title in kinds_and_titles("cryotherapy kidney tumours", kinds=["trial"])]
    assert ranked == ["Cryotherapy for kidney tumours in Leeds", "Cryotherapy for kidney tumours in Boston"]
