"""The finder with a postcode is served from its kept page (delivery/rendering.py) with the form and the results
filled in per request (trials/holes.py), ranked over each process's table of trials (trials/finder_table.py).
Whatever changes a trial, a site, a cancer type or the postcode districts is in the very next request's results."""

import io
import random
from urllib.parse import urlencode

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.template.defaultfilters import floatformat
from django.template.loader import get_template
from django.test import override_settings

from cancerinfo.delivery.models import StoredRendering
from cancerinfo.taxonomy.models import CancerType
from cancerinfo.trials import finder_table
from cancerinfo.trials.forms import TrialFinderForm
from cancerinfo.trials.holes import field_html, one_decimal
from cancerinfo.trials.models import PostcodeDistrict, TrialSite
from cancerinfo.trials.services import load_postcode_districts

from .factories import DISTRICTS, make_trial, study, write_ndjson

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("_stored_renderings_on")]


@pytest.fixture
def _stored_renderings_on():
    with override_settings(STORED_RENDERING=True, STORED_RENDERING_SECONDS=3600):
        yield


def search(client, finder, **params):
    response = client.get(finder.url, {"postcode": "M1 1AE", **params})
    assert response.status_code == 200
    return response


def kept_search(client, finder, **params):
    """A search answered from the kept page (a first search renders it and keeps it)."""
    search(client, finder, **params)
    response = search(client, finder, **params)
    assert response["X-Rendering"] == "stored"
    return response


def test_a_search_is_answered_from_the_kept_page_with_its_own_form_and_results(client, finder, districts):
    make_trial("Manchester trial", sites=["M20"])
    make_trial("Leeds trial", sites=["LS9"])
    first = search(client, finder, distance="50")
    assert first.get("X-Rendering") is None  # rendered in full, and kept
    kept = StoredRendering.objects.get(path=finder.url)
    assert kept.answers_any_query
    assert "Manchester trial" not in kept.html and "M1 1AE" not in kept.html  # no reader's search is kept

    again = search(client, finder, distance="50")
    assert again["X-Rendering"] == "stored"
    assert again.content == first.content

    other = search(client, finder, distance="10")
    assert other["X-Rendering"] == "stored"
    html = other.content.decode()
    assert "Manchester trial" in html and "Leeds trial" not in html
    assert 'value="M1 1AE"' in html and '<option value="10" selected>Within 10 miles</option>' in html
    assert "<title>Clinical trials (1 found) |" in html


def test_a_bad_postcode_gets_its_message_from_the_kept_page(client, finder, districts):
    make_trial("Manchester trial", sites=["M20"])
    search(client, finder)
    response = client.get(finder.url, {"postcode": "ZZ9 9ZZ"})
    assert response["X-Rendering"] == "stored"
    html = response.content.decode()
    assert "<title>Error: Clinical trials (1 found) |" in html
    assert '<a href="#id_postcode">We cannot find the postcode area ZZ9. Check the postcode and try again</a>' in html
    assert 'aria-invalid="true"' in html


@pytest.mark.parametrize("count", [5, 50])
def test_a_search_from_a_postcode_costs_one_query(client, finder, districts, count, django_assert_num_queries):
    for number in range(count):
        make_trial(f"Trial {number:02d}", sites=["M20", "LS9", (40.0, -75.0)])
    kept_search(client, finder)
    with django_assert_num_queries(1):  # the kept page; the trials, sites and districts are in the table
        response = search(client, finder, distance="100")
    assert response["X-Rendering"] == "stored"
    html = response.content.decode()
    assert f"{count} trials found" in html
    assert "<strong>3.6 miles</strong>: Hospital at M20, M20, United Kingdom" in html


def test_an_edited_trial_is_in_the_very_next_search(client, finder, districts, prostate):
    trial = make_trial("Registry title", sites=["LS9"])
    assert "Registry title" in kept_search(client, finder).content.decode()

    trial.plain_title = "Plain English title"
    trial.save()
    html = search(client, finder).content.decode()
    assert "Plain English title" in html and "Registry title" not in html

    site = TrialSite.objects.get(trial=trial)
    site.latitude, site.longitude = DISTRICTS["M20"]
    site.save()
    assert "<strong>3.6 miles</strong>" in search(client, finder).content.decode()

    assert "No trials found" in search(client, finder, cancer="prostate-cancer").content.decode()
    trial.cancer_types.add(prostate)
    html = search(client, finder, cancer="prostate-cancer").content.decode()
    assert "1 trial found" in html and "<dd>Prostate cancer</dd>" in html

    prostate.name = "Cancer of the prostate"
    prostate.save()
    assert "<dd>Cancer of the prostate</dd>" in search(client, finder).content.decode()

    trial.delete()
    assert "No trials found" in search(client, finder).content.decode()


def test_a_newly_imported_trial_is_in_the_very_next_search(client, finder, districts, tmp_path, prostate):
    assert "No trials found" in kept_search(client, finder).content.decode()
    call_command("import_trials", str(write_ndjson(tmp_path / "studies.ndjson", [study()])), stdout=io.StringIO())
    html = search(client, finder).content.decode()
    assert "Radiotherapy for prostate cancer" in html and "Manchester hospital" in html


def test_newly_loaded_postcode_districts_are_used_by_the_very_next_search(client, finder, districts, tmp_path):
    make_trial("Manchester trial", sites=["M20"])
    kept_search(client, finder)
    assert "We cannot find the postcode area OL1" in search(client, finder, postcode="OL1").content.decode()
    rows = [f"{code},{lat},{lon}" for code, (lat, lon) in DISTRICTS.items()] + ["OL1,53.5409,-2.1114"]
    (tmp_path / "districts.csv").write_text("Postcode,Latitude,Longitude\n" + "\n".join(rows) + "\n")
    load_postcode_districts(tmp_path / "districts.csv")
    assert PostcodeDistrict.objects.filter(outward_code="OL1").exists()
    html = search(client, finder, postcode="OL1").content.decode()
    assert "nearest first to OL1" in html and "Manchester trial" in html


def test_a_published_change_to_the_finder_page_is_in_the_very_next_search(client, finder, districts):
    kept_search(client, finder)
    finder.introduction = "Trials you may be able to join."
    finder.save_revision().publish()
    response = search(client, finder)
    assert response.get("X-Rendering") is None  # the kept page is out of date: rendered afresh
    assert "Trials you may be able to join." in response.content.decode()


def test_distances_are_written_as_the_template_filter_wrote_them():
    numbers = [0.0, 0.05, 0.25, 2.25, 3.649, 3.65, 12.35, 99.95, 1234.45, 7000.0]
    rng = random.Random(17)
    numbers += [rng.uniform(0, 12000) for _ in range(500)]
    assert [one_decimal(n) for n in numbers] == [floatformat(n, 1) for n in numbers]


def test_cancer_types_added_elsewhere_are_offered_by_the_next_search(client, finder, districts):
    kept_search(client, finder)
    CancerType.objects.create(name="Bladder cancer")
    assert '<option value="bladder-cancer">Bladder cancer</option>' in search(client, finder).content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"postcode": "M1 1AE", "distance": "10", "cancer": "prostate-cancer", "phase": "2", "status": "all"},
        {"postcode": "nope", "age": "abc", "status": "x", "phase": "9", "distance": "7", "cancer": "zz", "q": "<b>"},
        {"distance": "25", "age": "200"},
    ],
)
def test_each_field_is_written_as_its_template_writes_it(params, districts, prostate):
    table = finder_table.table()
    form = TrialFinderForm(QueryDict(urlencode(params)), cancer_types=table.cancer_type_list)
    form.is_valid()
    template = get_template("trials/_field.html")
    for name in form.fields:
        expected = template.render({"field": form[name]})
        assert field_html(form[name], table) == expected
        assert field_html(form[name], table) == expected  # a select kept in the table is the same
