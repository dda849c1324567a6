"""The finder: filters that match how patients think, nearest sites first, everything in the URL."""

import re
from types import SimpleNamespace

import numpy as np
import pytest

from cancerinfo.trials.choices import Phase, Status
from cancerinfo.trials.finder_table import nearest_per_trial, nearest_site, within
from cancerinfo.trials.services import RESULTS_PER_PAGE

from .factories import make_trial

pytestmark = pytest.mark.django_db


TRIAL_TABLES = ("trials_trial", "trials_trialsite", "trials_trial_cancer_types", "trials_postcodedistrict")


def titles(response):
    return [item.trial.title for item in response.context["results"].items]


def test_the_finder_is_the_clinical_trials_area_in_the_main_navigation(client, finder):
    response = client.get("/")
    assert 'href="/clinical-trials/"' in response.content.decode()
    response = client.get(finder.url)
    assert response.status_code == 200
    assert "<h1>Find a clinical trial</h1>" in response.content.decode()


def test_recruiting_trials_are_shown_by_default(client, finder):
    make_trial("Open trial")
    make_trial("Finished trial", status=Status.COMPLETED)
    make_trial("Opening soon trial", status=Status.NOT_YET_RECRUITING)
    make_trial("Back pain trial", is_cancer_trial=False)
    assert titles(client.get(finder.url)) == ["Open trial"]
    assert titles(client.get(finder.url, {"status": "soon"})) == ["Opening soon trial"]
    assert sorted(titles(client.get(finder.url, {"status": "all"}))) == [
        "Finished trial",
        "Open trial",
        "Opening soon trial",
    ]


def test_filters_by_cancer_type_phase_and_age(client, finder, prostate, lung):
    make_trial("Prostate phase 3", cancer_types=[prostate], phase=Phase.PHASE_3, min_age_months=18 * 12)
    make_trial(
        "Prostate phase 2/3 adults up to 65",
        cancer_types=[prostate],
        phase=Phase.PHASE_2_3,
        min_age_months=18 * 12,
        max_age_months=65 * 12,
    )
    make_trial("Lung phase 1", cancer_types=[lung], phase=Phase.PHASE_1)
    make_trial(
        "Teenage prostate trial",
        cancer_types=[prostate],
        phase=Phase.PHASE_2,
        min_age_months=12 * 12,
        max_age_months=17 * 12,
    )

    assert sorted(titles(client.get(finder.url, {"cancer": "prostate-cancer"}))) == [
        "Prostate phase 2/3 adults up to 65",
        "Prostate phase 3",
        "Teenage prostate trial",
    ]
    assert sorted(titles(client.get(finder.url, {"cancer": "prostate-cancer", "phase": "3"}))) == [
        "Prostate phase 2/3 adults up to 65",
        "Prostate phase 3",
    ]
    assert titles(client.get(finder.url, {"cancer": "prostate-cancer", "age": "70"})) == ["Prostate phase 3"]
    assert sorted(titles(client.get(finder.url, {"age": "16"}))) == ["Lung phase 1", "Teenage prostate trial"]


def test_results_are_nearest_first_with_the_distance_to_the_nearest_site(client, finder, districts):
    make_trial("Edinburgh trial", sites=["EH1"])
    make_trial("London and Leeds trial", sites=["SW1A", "LS9"])
    make_trial("Manchester trial", sites=["M20"])
    make_trial("Trial without sites")

    response = client.get(finder.url, {"postcode": "m1 1aa"})
    results = response.context["results"]
    assert [i.trial.title for i in results.items] == [
        "Manchester trial",
        "London and Leeds trial",  # Leeds (about 37 miles) is its nearest site, not London
        "Edinburgh trial",
        "Trial without sites",
    ]
    distances = [i.distance for i in results.items]
    assert distances[0] == pytest.approx(3.6, abs=0.2)
    assert distances[1] == pytest.approx(37.3, abs=0.5)
    assert distances[1] < distances[2] and distances[3] is None
    assert results.items[1].nearest_site == "Hospital at LS9, LS9, United Kingdom"  # its name, town and country
    page = response.content.decode()
    assert "3.6 miles" in page and "Nearest site" in page
    assert re.search(r"<strong>37\.\d miles</strong>: Hospital at LS9, LS9, United Kingdom</dd>", page)


def test_a_distance_limit_keeps_only_trials_with_a_site_that_close(client, finder, districts):
    make_trial("Manchester trial", sites=["M20"])
    make_trial("Leeds trial", sites=["LS9"])
    make_trial("London trial", sites=["SW1A"])
    assert titles(client.get(finder.url, {"postcode": "M1", "distance": "50"})) == ["Manchester trial", "Leeds trial"]
    assert titles(client.get(finder.url, {"postcode": "M1", "distance": "10"})) == ["Manchester trial"]


def test_nearest_first_holds_when_sites_are_far_apart(client, finder, districts):
    """Growing search boxes: a page fills from the nearest trials even when most sites are abroad."""
    for number in range(RESULTS_PER_PAGE + 5):
        make_trial(f"Trial {number:02d} in America", sites=[(40.0 + number / 10, -75.0)])
    make_trial("Trial in Manchester", sites=["M20"])
    make_trial("Trial in Paris", sites=[(48.8566, 2.3522)])
    response = client.get(finder.url, {"postcode": "M1"})
    items = response.context["results"].items
    assert [i.trial.title for i in items[:2]] == ["Trial in Manchester", "Trial in Paris"]
    distances = [i.distance for i in items]
    assert distances == sorted(distances)
    assert response.context["results"].total == RESULTS_PER_PAGE + 7


def test_sites_are_read_once_per_change_however_far_the_nearest_trials_are(
    client, finder, districts, django_assert_num_queries, django_assert_max_num_queries
):
    """The finder ranks from its table of trials and sites (finder_table.py): after a change the next request reads
    the sites once, and the requests after that read no trial or site at all, however far the nearest trials are."""
    make_trial("Trial in Manchester", sites=["M20"])
    client.get(finder.url, {"postcode": "M1"})
    with django_assert_max_num_queries(25) as near:
        assert titles(client.get(finder.url, {"postcode": "M1"})) == ["Trial in Manchester"]
    assert not any(f'"{table}"' in q["sql"] for q in near.captured_queries for table in TRIAL_TABLES)
    for number in range(RESULTS_PER_PAGE + 5):
        make_trial(f"Trial {number:02d} in America", sites=[(40.0 + number / 10, -75.0), "SW1A"][: 1 + number % 2])
    with django_assert_max_num_queries(len(near.captured_queries) + 8) as changed:
        response = client.get(finder.url, {"postcode": "M1"})
    assert sum("trials_trialsite" in q["sql"] and "latitude" in q["sql"] for q in changed.captured_queries) == 1
    with django_assert_num_queries(len(near.captured_queries)):
        response = client.get(finder.url, {"postcode": "M1"})
    assert response.status_code == 200
    assert titles(response)[0] == "Trial in Manchester"
    items = response.context["results"].items
    # Half the trials have a site in America and one in London: each is measured to London, its nearest.
    with_london = [i for i in items if int(i.trial.title.split()[1] if "America" in i.trial.title else 0) % 2]
    assert len(with_london) == 12
    assert {i.nearest_site for i in with_london} == {"Hospital at SW1A, SW1A, United Kingdom"}
    assert [i.distance for i in items] == sorted(i.distance for i in items)


def test_free_text_search(client, finder):
    make_trial("Short-course radiotherapy after surgery", conditions="Prostate Cancer")
    make_trial("Exercise during chemotherapy", conditions="Breast Cancer")
    assert titles(client.get(finder.url, {"q": "radiotherapy"})) == ["Short-course radiotherapy after surgery"]
    assert titles(client.get(finder.url, {"q": "breast"})) == ["Exercise during chemotherapy"]


def test_results_and_filters_live_in_the_url_with_pages(client, finder, prostate, districts):
    for number in range(RESULTS_PER_PAGE + 3):
        make_trial(f"Trial {number:02d}", cancer_types=[prostate], sites=["M20"])
    first = client.get(finder.url, {"cancer": "prostate-cancer", "postcode": "M1"})
    html = first.content.decode()
    assert first.context["results"].num_pages == 2
    assert 'href="?cancer=prostate-cancer&amp;postcode=M1&amp;page=2"' in html
    second = client.get(finder.url, {"cancer": "prostate-cancer", "postcode": "M1", "page": "2"})
    assert len(second.context["results"].items) == 3
    assert 'value="M1"' in second.content.decode()
    # Links to trials carry the search, so the trial page can show nearest sites and link back.
    assert re.search(r'href="/clinical-trials/NCT\d{8}/\?cancer=prostate-cancer&amp;postcode=M1"', html)


@pytest.mark.parametrize("page", ["0", "-3", "abc", "99999999999", "2.5"])
def test_odd_page_numbers_never_fail(client, finder, page):
    make_trial("Only trial")
    response = client.get(finder.url, {"page": page})
    assert response.status_code == 200 and titles(response) == ["Only trial"]


@pytest.mark.parametrize(
    ("postcode", "message"),
    [
        ("hello", "Enter a UK postcode, like SW1A 1AA, or the first part of one, like M1"),
        ("ZZ9 9ZZ", "We cannot find the postcode area ZZ9. Check the postcode and try again"),
    ],
)
def test_a_bad_postcode_gets_a_message_by_the_field_and_other_filters_still_apply(
    client, finder, districts, prostate, postcode, message
):
    make_trial("Prostate trial", cancer_types=[prostate], sites=["M20"])
    make_trial("Another trial", sites=["M20"])
    response = client.get(finder.url, {"postcode": postcode, "cancer": "prostate-cancer"})
    html = response.content.decode()
    assert response.status_code == 200
    assert titles(response) == ["Prostate trial"]
    assert '<h2 class="error-summary__title" id="error-summary-title">There is a problem</h2>' in html
    assert f'<li><a href="#id_postcode">{message}</a></li>' in html
    assert f'id="id_postcode-error"><span class="visually-hidden">Error:</span> {message}</p>' in html
    assert 'aria-describedby="id_postcode-hint id_postcode-error"' in html
    assert "<title>Error: " in html


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"age": "forty"}, "age", "Enter your age in whole years, like 45"),
        ({"age": "150"}, "age", "Enter an age from 0 to 120"),
        ({"cancer": "no-such-cancer"}, "cancer", "Choose a type of cancer from the list"),
        ({"status": "maybe"}, "status", "Choose a recruiting status from the list"),
        ({"phase": "7"}, "phase", "Choose a trial phase from the list"),
        ({"distance": "5000"}, "distance", "Choose a distance from the list"),
        ({"distance": "25"}, "postcode", "Enter a postcode to find trials within 25 miles"),
        ({"postcode": "M" * 60}, "postcode", "Enter a UK postcode, like SW1A 1AA, or the first part of one, like M1"),
        ({"age": "9" * 30}, "age", "Enter your age in whole years, like 45"),
    ],
)
def test_every_bad_value_gets_a_clear_message(client, finder, params, field, message):
    make_trial("Only trial")
    response = client.get(finder.url, params)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<li><a href="#id_{field}">{message}</a></li>' in html
    assert titles(response) == ["Only trial"]


def test_the_error_summary_follows_the_order_of_the_fields(client, finder):
    html = client.get(finder.url, {"age": "old", "postcode": "hello", "cancer": "nope"}).content.decode()
    assert html.index('href="#id_cancer"') < html.index('href="#id_postcode"') < html.index('href="#id_age"')


def test_hostile_input_is_escaped(client, finder):
    response = client.get(finder.url, {"q": "<script>alert(1)</script>", "postcode": "<b>x</b>"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in html


def test_the_finder_shows_the_data_sources(client, finder):
    html = client.get(finder.url).content.decode()
    assert "Contains OS data © Crown copyright and database right" in html.replace("contains", "Contains")
    assert "Open Government Licence v3.0" in html
    assert "ClinicalTrials.gov" in html


def test_the_finder_runs_a_constant_number_of_queries(
    client, finder, districts, prostate, django_assert_max_num_queries
):
    """Rendered in full (no kept page): at most the page's routing and the free-text search, however many trials;
    the filters, the distances and the cards come from the finder's table (test_finder_kept_page.py: one query)."""

    def trials(count):
        for number in range(count):
            make_trial(f"Trial {number}", cancer_types=[prostate], sites=["M20", "LS9", "SW1A"])

    params = {"cancer": "prostate-cancer", "postcode": "M1", "q": "trial"}
    for count, total in ((2, 2), (30, 32)):
        trials(count)
        client.get(finder.url, params)  # the finder's table is loaded again after a change: a fixed few queries
        with django_assert_max_num_queries(3):
            response = client.get(finder.url, params)
        assert response.status_code == 200
        assert response.context["results"].total == total
        assert f"{total} trials found" in response.content.decode()
    assert len(titles(response)) == RESULTS_PER_PAGE


def test_a_repeated_filter_uses_its_last_value_everywhere(client, finder, prostate):
    make_trial("Prostate trial", cancer_types=[prostate])
    response = client.get(f"{finder.url}?cancer=nope&cancer=prostate-cancer")
    assert titles(response) == ["Prostate trial"]
    assert "?cancer=prostate-cancer" in response.content.decode()
    assert "cancer=nope" not in response.content.decode()


def test_a_site_exactly_at_the_edge_of_the_circle_is_inside_it():
    # Each trial's miles to its nearest site.
    assert list(within(np.array([25.0, 25.5, np.inf]), 25)) == [True, False, False]


def test_each_trial_gets_its_nearest_site_and_the_lower_site_id_of_two_as_near():
    # Sites grouped by trial, by id within a trial: trial 0 has sites 10, 11, 12; trial 1 none; trial 2 29, 30, 31.
    miles = np.array([8.0, 3.0, 8.0, 9.0, 4.0, 4.0])
    start, end = np.array([0, 3, 3]), np.array([3, 3, 6])
    assert list(nearest_per_trial(miles, start, end > start)) == [3.0, np.inf, 4.0]
    table = SimpleNamespace(site_start=start, site_end=end)
    assert nearest_site(table, miles, 0) == 1
    assert nearest_site(table, miles, 2) == 4  # site 30, not 31, as near
