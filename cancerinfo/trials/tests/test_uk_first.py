"""UK first: by default the finder shows trials recruiting at a UK site, measured to their UK sites, nearest first;
"anywhere" is one click. When nothing is near it says so and suggests what to do. Honest status: a trial whose
registry record is over 12 months old is labelled and left out by default, and reached by its own filter."""

import datetime
import re
from html import unescape

import pytest

from cancerinfo.taxonomy.models import CancerType
from cancerinfo.trials import freshness
from cancerinfo.trials.choices import Status
from cancerinfo.trials.models import TrialSite

from .factories import make_trial

pytestmark = pytest.mark.django_db

DUBLIN = (53.3498, -6.2603)
BOSTON = (42.3601, -71.0589)


def titles(response):
    return [item.trial.title for item in response.context["results"].items]


def overseas_site(trial, point, city):
    return TrialSite.objects.create(
        trial=trial, name=f"Clinic in {city}", city=city, country="Elsewhere", latitude=point[0], longitude=point[1]
    )


def test_trials_without_a_uk_site_are_left_out_until_the_person_widens_to_anywhere(client, finder, districts):
    make_trial("Manchester trial", sites=["M20"])
    boston = make_trial("Boston trial", sites=())
    overseas_site(boston, BOSTON, "Boston")
    make_trial("Trial with no sites listed", sites=())

    default = client.get(finder.url, {"postcode": "M1"})
    html = default.content.decode()
    assert titles(default) == ["Manchester trial"]
    assert "<strong>At a UK site</strong>" in html
    link = re.search(r'<p class="trial-results__where"><a href="([^"]+)">Include trials outside the UK</a></p>', html)
    assert unescape(link.group(1)) == f"{finder.url}?postcode=M1&where=anywhere"

    anywhere = client.get(unescape(link.group(1)))
    assert titles(anywhere) == ["Manchester trial", "Boston trial", "Trial with no sites listed"]
    html = anywhere.content.decode()
    assert "<strong>Anywhere, including outside the UK</strong>" in html
    assert '<option value="anywhere" selected>Anywhere, including outside the UK</option>' in html
    back = re.search(r'<a href="([^"]+)">Show only trials at UK sites</a>', html)
    assert unescape(back.group(1)) == f"{finder.url}?postcode=M1"


def test_a_trial_is_measured_to_its_uk_sites_and_only_to_open_ones(client, finder, districts):
    # From Cardiff, Dublin is nearer than Glasgow: at "UK sites" the trial is measured to Glasgow.
    both = make_trial("Dublin and Glasgow trial", sites=["G12"])
    overseas_site(both, DUBLIN, "Dublin")
    closed_in_uk = make_trial("Trial whose UK site has closed", sites=["M20"])
    closed_in_uk.sites.update(recruiting_status=Status.COMPLETED)
    response = client.get(finder.url, {"postcode": "CF14"})
    [item] = response.context["results"].items
    assert item.trial.title == "Dublin and Glasgow trial"
    assert item.nearest_site == "Hospital at G12, G12, United Kingdom"
    # The map and its list show the same site as the card (uk_map.py): not the nearer one abroad.
    html = response.content.decode()
    assert "Hospital at G12" in html.split('class="trial-list"')[1] and "Clinic in Dublin" not in html
    anywhere = client.get(finder.url, {"postcode": "CF14", "where": "anywhere"}).context["results"].items
    [measured] = [found for found in anywhere if found.trial.title == "Dublin and Glasgow trial"]
    assert measured.nearest_site == "Clinic in Dublin, Dublin, Elsewhere"
    assert measured.distance < item.distance
    # Its UK site closed, it is still found among closed trials at a UK site.
    assert "Trial whose UK site has closed" in titles(client.get(finder.url, {"postcode": "CF14", "status": "all"}))


def test_a_status_not_confirmed_for_over_12_months_is_labelled_and_left_out_by_default(client, finder, monkeypatch):
    today = datetime.date(2026, 6, 15)
    monkeypatch.setattr(freshness, "today", lambda: today)
    make_trial("Confirmed last month", last_updated=datetime.date(2026, 5, 15))
    make_trial("Confirmed exactly 12 months ago", last_updated=datetime.date(2025, 6, 15))
    make_trial("Not confirmed for a year and a day", last_updated=datetime.date(2025, 6, 14))
    make_trial("Finished long ago", status=Status.COMPLETED, last_updated=datetime.date(2019, 1, 1))
    assert titles(client.get(finder.url)) == ["Confirmed last month", "Confirmed exactly 12 months ago"]

    unconfirmed = client.get(finder.url, {"status": "unconfirmed"})
    assert titles(unconfirmed) == ["Not confirmed for a year and a day"]
    html = unconfirmed.content.decode()
    assert (
        '<dd><span class="trial-status--unconfirmed">Status not confirmed since 14 June 2025</span> '
        "(the registry last said: Recruiting)</dd>" in html
    )
    everything = client.get(finder.url, {"status": "all"}).content.decode()
    assert "Status not confirmed since 14 June 2025" in everything
    assert "Status not confirmed since 1 January 2019" not in everything  # a finished trial needs no confirming


def test_the_months_are_a_setting(client, finder, settings, monkeypatch):
    monkeypatch.setattr(freshness, "today", lambda: datetime.date(2026, 6, 15))
    make_trial("Updated 7 months ago", last_updated=datetime.date(2025, 11, 15))
    assert titles(client.get(finder.url)) == ["Updated 7 months ago"]
    settings.TRIALS_STATUS_CONFIRMED_MONTHS = 6
    assert titles(client.get(finder.url)) == []
    assert titles(client.get(finder.url, {"status": "unconfirmed"})) == ["Updated 7 months ago"]


def test_a_kept_card_goes_unconfirmed_the_day_its_status_does(client, finder, monkeypatch):
    """Cards are kept while the trials are unchanged (holes.py); a status goes unconfirmed with the date."""
    days = iter([datetime.date(2026, 6, 15), datetime.date(2026, 6, 16)])
    day = next(days)
    monkeypatch.setattr(freshness, "today", lambda: day)
    make_trial("Turning stale", last_updated=datetime.date(2025, 6, 15))
    assert "Status not confirmed" not in client.get(finder.url, {"status": "all"}).content.decode()
    day = next(days)
    assert "Status not confirmed since 15 June 2025" in client.get(finder.url, {"status": "all"}).content.decode()
    assert titles(client.get(finder.url)) == []


def test_when_nothing_is_near_the_finder_says_so_and_suggests_what_to_do(client, finder, districts):
    bone = CancerType.objects.create(name="Secondary bone cancer")
    breast = CancerType.objects.create(name="Breast cancer")
    prostate = CancerType.objects.create(name="Prostate cancer")
    make_trial("Bone and breast trial in Edinburgh", cancer_types=[bone, breast], sites=["EH1"])
    make_trial("Breast trial in Manchester", cancer_types=[breast], sites=["M20"])
    make_trial("Prostate trial in Manchester", cancer_types=[prostate], sites=["M20"])  # never named with bone
    boston = make_trial("Bone trial in Boston", cancer_types=[bone], sites=())
    overseas_site(boston, BOSTON, "Boston")

    response = client.get(finder.url, {"cancer": bone.slug, "postcode": "M1", "distance": "10"})
    html = response.content.decode()
    assert titles(response) == []
    assert "We do not know of any trials like this within 10 miles of M1 at a UK site." in html
    assert "The nearest is 175 miles away." in html
    suggestions = html[html.index('<div class="inset trial-nothing-near">') :].split("</div>")[0]
    links = {text: unescape(url) for url, text in re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', suggestions)}
    base = f"{finder.url}?cancer=secondary-bone-cancer&postcode=M1"
    assert links == {
        "Within 200 miles: 1 trial": f"{base}&distance=200",
        "Include trials outside the UK: 2 trials at any distance": f"{base}&where=anywhere",
        "Breast cancer: 1 trial": f"{finder.url}?cancer=breast-cancer&postcode=M1&distance=10",
    }
    for url, text in ((u, t) for t, u in links.items()):
        assert len(titles(client.get(url))) == int(re.search(r"(\d+) trials?", text).group(1)), text
    assert re.search(
        r'<a href="/contact-us/ask-a-nurse/\?subject=Clinical\+trials\+for\+secondary\+bone\+cancer\+near\+M1'
        r'&amp;cancer_type=secondary-bone-cancer">Ask a nurse about this</a>',
        html,
    )
