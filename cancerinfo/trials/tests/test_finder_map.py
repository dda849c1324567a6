"""With a postcode, the finder shows where the trials on the page take place: an SVG map of the UK drawn on the
server from our own postcode districts (no tiles, scripts or images from anyone else), the postcode as a square,
the chosen distance as a dashed circle, one numbered marker per place, and beside it a list that says the same in
words (the map is an image titled and described for screen readers; the list is what they read)."""

import io
import re

import numpy as np
import pytest
from django.conf import settings
from django.core.management import call_command

from cancerinfo.trials import uk_map
from cancerinfo.trials.postcodes import Origin, Postcode

from .factories import add_site, make_trial

pytestmark = pytest.mark.django_db


def map_of(html: str) -> str:
    assert html.count('<section class="trial-map"') == 1
    return html.split('<section class="trial-map"')[1].split("</section>")[0]


def markers(section: str) -> list[int]:
    return [
        int(n) for n in re.findall(r'<g class="trial-map__place">.*?text-anchor="middle">(\d+)</text></g>', section)
    ]


def places_listed(section: str) -> list[tuple[int, str]]:
    return re.findall(r'<li class="trial-map__place-item" value="(\d+)">\s*<p><strong>([^<]*)</strong>', section)


def test_a_search_from_a_postcode_maps_each_trials_nearest_site(client, finder, districts):
    leeds = make_trial("Leeds and London trial", sites=["LS9", "SW1A"])
    manchester = make_trial("Manchester trial", sites=["M20"])
    shared = make_trial("Second Leeds trial")
    add_site(shared, "LS9", name="Hospital at LS9")  # the same place as the first trial's: one marker, two trials
    response = client.get(finder.url, {"postcode": "LS9 7TF", "distance": "50"})
    html = response.content.decode()
    assert response.status_code == 200
    section = map_of(html)
    assert (
        '<h3 class="trial-map__title" id="trial-map-heading">Where the trials on this page take place</h3>' in section
    )
    # Numbered nearest first, the same numbers on the map and in the list.
    assert places_listed(section) == [
        ("1", "Hospital at LS9, LS9, United Kingdom"),
        ("2", "Hospital at M20, M20, United Kingdom"),
    ]
    assert sorted(markers(section)) == [1, 2]
    first = section.split('value="1"')[1].split('value="2"')[0]
    assert first.count("<a href=") == 2
    assert f'href="{finder.url}{leeds.registry_id}/?postcode=LS9+7TF&amp;distance=50"' in first
    assert shared.registry_id in first and manchester.registry_id not in first
    # The postcode as a square, the distance as a circle; an image with a title and a description.
    assert 'role="img" aria-labelledby="trial-map-title trial-map-desc"' in section
    assert (
        '<title id="trial-map-title">Map of where the trials on this page take place, around LS9 7TF</title>' in section
    )
    assert "The dashed circle is 50 miles from LS9 7TF." in section
    assert section.count('class="trial-map__origin"') == 1 and section.count('class="trial-map__reach"') == 1
    # The land is drawn from the districts in view: Leeds, Manchester (the 50-mile circle reaches them), not Glasgow.
    land = re.search(r'<path class="trial-map__land" d="([^"]*)"', section).group(1)
    assert land.count("h0") == len({"LS9", "M1", "M20"})


def test_the_map_uses_nothing_from_elsewhere(client, finder, districts):
    make_trial("Trial", sites=["LS9", "M20", "EH1"])
    section = map_of(client.get(finder.url, {"postcode": "M1 1AA"}).content.decode())
    svg = section.split("<svg")[1].split("</svg>")[0]
    assert re.findall(r"https?://[^\"' ]+", svg) == ["http://www.w3.org/2000/svg"]
    for tag in ("<script", "<image", "<use", "<foreignObject", "<a ", "href", "<style", "url("):
        assert tag not in svg


def test_sites_outside_the_uk_are_listed_but_not_drawn(client, finder, districts):
    make_trial("Utrecht trial", sites=[(52.0907, 5.1214)])
    make_trial("Leeds trial", sites=["LS9"])
    section = map_of(client.get(finder.url, {"postcode": "LS9 7TF"}).content.decode())
    assert [name for _, name in places_listed(section)] == [
        "Hospital at LS9, LS9, United Kingdom",
        "Hospital at 52.0907,5.1214, 52.0907,5.1214, United Kingdom",
    ]
    assert markers(section) == [1]
    assert "(outside the UK: not on the map)" in section.split('value="2"')[1]


def test_no_map_without_a_postcode_or_without_results(client, finder, districts):
    make_trial("Trial", sites=["LS9"])
    assert 'class="trial-map"' not in client.get(finder.url).content.decode()
    assert (
        'class="trial-map"'
        not in client.get(finder.url, {"postcode": "LS9 7TF", "q": "nothing-matches"}).content.decode()
    )
    assert (
        'class="trial-map"'
        not in client.get(finder.url, {"postcode": "LS9 7TF", "distance": "10", "status": "closed"}).content.decode()
    )


def test_the_view_holds_the_postcode_the_places_and_the_distance():
    base = uk_map.Basemap(np.array([50.0, 58.0]), np.array([-6.0, 1.5]), [], 50.0, 58.0, -6.0, 1.5)
    leeds = Origin(Postcode("LS1", "4AP"), 53.7974, -1.55307)
    london = uk_map.Place("London", 51.5, -0.13, 169.0, True)
    view = uk_map.view_for(leeds, [london], None, base)
    for lat, lon in ((leeds.latitude, leeds.longitude), (london.latitude, london.longitude)):
        x, y = view.point(lat, lon)
        assert 0 < x < view.width and 0 < y < view.height
    near = uk_map.view_for(leeds, [], 25, base)
    x, y = near.point(leeds.latitude, leeds.longitude)
    assert abs(x - near.width / 2) < 1 and abs(y - near.height / 2) < 1
    assert near.miles(25) * 2 < min(near.width, near.height)  # the whole circle is in view
    assert uk_map.MIN_ASPECT <= near.height / near.width <= uk_map.MAX_ASPECT


def test_a_place_is_on_the_map_when_it_is_near_a_uk_postcode_district(db):
    if not settings.TRIALS_POSTCODE_DISTRICTS_CSV.exists():
        pytest.skip(f"The shared postcode districts are not at {settings.TRIALS_POSTCODE_DISTRICTS_CSV}")
    call_command("load_postcode_districts", stdout=io.StringIO())
    base = uk_map.basemap()
    for town, lat, lon in (
        ("Lerwick", 60.155, -1.145),
        ("Truro", 50.263, -5.051),
        ("Belfast", 54.597, -5.930),
        ("St Helier", 49.186, -2.107),
        ("Norwich", 52.630, 1.297),
    ):
        assert base.holds(lat, lon), town
    # Rouen and Calais are inside the box from Jersey to Lowestoft, but far from any district's centre.
    for town, lat, lon in (
        ("Rouen", 49.443, 1.099),
        ("Calais", 50.951, 1.858),
        ("Dublin", 53.350, -6.260),
        ("Utrecht", 52.091, 5.121),
    ):
        assert not base.holds(lat, lon), town


def test_real_data_from_leeds(client, finder, tmp_path):
    """The real postcode districts and ClinicalTrials.gov records: every place in the list is either a numbered
    marker on the map or said to be abroad, and the map shows Yorkshire's postcode areas around LS1 4AP."""
    if not (settings.TRIALS_DEMO_STUDIES.exists() and settings.TRIALS_POSTCODE_DISTRICTS_CSV.exists()):
        pytest.skip(f"The shared data is not at {settings.TRIALS_DATA_DIR}")
    out = io.StringIO()
    call_command("load_postcode_districts", stdout=out)
    call_command("import_trials", str(settings.TRIALS_DEMO_STUDIES), stdout=out, stderr=io.StringIO())
    html = client.get(finder.url, {"postcode": "LS1 4AP", "status": "all", "distance": "50"}).content.decode()
    section = map_of(html)
    listed = places_listed(section)
    assert listed and [int(n) for n, _ in listed] == list(range(1, len(listed) + 1))
    assert sorted(markers(section)) == [int(n) for n, _ in listed]  # within 50 miles of Leeds: all in the UK
    areas = set(re.findall(r'<text class="trial-map__area"[^>]*>([A-Z]+)</text>', section))
    assert areas & {"BD", "HG", "WF", "YO", "HD", "HX"}
    anywhere = map_of(client.get(finder.url, {"postcode": "LS1 4AP", "status": "all"}).content.decode())
    drawn, abroad = len(markers(anywhere)), anywhere.count("(outside the UK: not on the map)")
    assert drawn + abroad == len(places_listed(anywhere))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_map_passes_axe_fits_a_phone_and_needs_no_javascript(live_server, browser, site_tree, assert_accessible):
    from .factories import make_districts

    make_districts()
    for number, district in enumerate(["LS9", "M20", "M1", "SW1A", "EH1"]):
        make_trial(f"Trial {number}", sites=[district])
    for width, javascript in ((390, False), (1280, True)):
        context = browser.new_context(java_script_enabled=javascript, viewport={"width": width, "height": 900})
        page = context.new_page()
        page.goto(f"{live_server.url}/clinical-trials/?postcode=M1+1AA&distance=50")
        figure = page.get_by_role("img", name="Map of where the trials on this page take place, around M1 1AA")
        assert figure.is_visible()
        assert page.locator(".trial-map__places > li").count() == 3  # Manchester (two districts) and Leeds
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        if javascript:
            assert_accessible(page)
        context.close()
