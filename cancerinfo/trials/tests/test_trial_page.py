"""A trial's page: summary, what it involves, who can join, nearest sites first, how to take part."""

import datetime
import re
from html import unescape

import pytest

from cancerinfo.trials.choices import Referral, Sex

from .factories import add_site, make_trial

pytestmark = pytest.mark.django_db


def test_the_trial_page_tells_people_what_they_need(client, finder, prostate):
    trial = make_trial(
        "A registry title",
        plain_title="Shorter radiotherapy for prostate cancer",
        plain_summary="We want to know if 5 treatments work as well as 20.",
        what_it_involves="You have radiotherapy on 5 days instead of 20.",
        key_eligibility="You are 18 or older\n- Your cancer has not spread",
        who_can_refer=Referral.SELF,
        conditions="Prostate Cancer",
        sex=Sex.MALE,
        min_age_months=216,
        registry_url="https://clinicaltrials.gov/study/NCT01234567",
        registry_id="NCT01234567",
        cancer_types=[prostate],
        last_updated=datetime.date(2026, 1, 1),
        sites=(),
    )
    add_site(trial, "M20", name="Manchester hospital")
    response = client.get(f"{finder.url}{trial.registry_id}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Shorter radiotherapy for prostate cancer</h1>" in html
    for heading in ("Summary", "What it involves", "Who can join", "How to take part"):
        assert f"<h2>{heading}</h2>" in html
    assert '<h2 id="sites">Where it takes place</h2>' in html
    assert "We want to know if 5 treatments work as well as 20." in html
    assert "<li>Your cancer has not spread</li>" in html
    assert "Men aged 18 years or older. The registry lists these conditions: Prostate Cancer." in html
    assert "You can contact the trial team yourself" in html
    assert 'href="https://clinicaltrials.gov/study/NCT01234567"' in html
    assert "Last updated on the registry:" in html and "1 January 2026" in html
    assert "This summary is from the trial registry" not in html


def test_a_registry_summary_is_marked_as_such(client, finder):
    trial = make_trial("Untouched trial", registry_summary="Technical words from the registry.")
    html = client.get(f"{finder.url}{trial.registry_id}/").content.decode()
    assert "Technical words from the registry." in html
    assert "This summary is from the trial registry. Our editors have not yet written it in plain English." in html


def test_sites_are_nearest_first_when_a_postcode_is_given(client, finder, districts):
    trial = make_trial("Trial", sites=[])
    add_site(trial, "EH1", name="Edinburgh hospital")
    add_site(trial, "SW1A", name="London hospital")
    add_site(trial, "M20", name="Manchester hospital")
    html = client.get(f"{finder.url}{trial.registry_id}/", {"postcode": "m1 1aa"}).content.decode()
    order = [html.index(name) for name in ("Manchester hospital", "London hospital", "Edinburgh hospital")]
    assert order == sorted(order)
    assert "Nearest first to M1 1AA" in html
    assert "miles</span>" in html


def test_a_bad_postcode_on_the_trial_page_is_explained(client, finder, districts):
    trial = make_trial("Trial", sites=["M20"])
    response = client.get(f"{finder.url}{trial.registry_id}/", {"postcode": "nonsense"})
    assert response.status_code == 200
    assert "Enter a UK postcode" in response.content.decode()


def test_unknown_and_hidden_trials_are_not_found(client, finder):
    hidden = make_trial("Back pain", is_cancer_trial=False)
    assert client.get(f"{finder.url}NCT99999999/").status_code == 404
    assert client.get(f"{finder.url}{hidden.registry_id}/").status_code == 404
    assert client.get(f"{finder.url}not-a-trial/").status_code == 404


def test_the_trial_page_runs_a_bounded_number_of_queries(
    client, finder, districts, prostate, lung, django_assert_max_num_queries
):
    small = make_trial("Small", cancer_types=[prostate], sites=["M20"])
    big = make_trial("Big", cancer_types=[prostate, lung], sites=["M20", "LS9", "SW1A", "EH1", "G12", "CF14"] * 8)
    client.get(f"{finder.url}{small.registry_id}/", {"postcode": "M1"})
    with django_assert_max_num_queries(20) as small_page:
        response = client.get(f"{finder.url}{small.registry_id}/", {"postcode": "M1"})
    assert response.status_code == 200
    assert "Small" in response.content.decode()
    with django_assert_max_num_queries(len(small_page.captured_queries)):
        response = client.get(f"{finder.url}{big.registry_id}/", {"postcode": "M1"})
    assert response.status_code == 200
    assert "38 more sites" in response.content.decode()


def test_ask_a_nurse_about_this_trial_opens_the_form_with_the_trial_named(client, finder, prostate):
    trial = make_trial("Focal therapy for prostate cancer", registry_id="NCT01194648", cancer_types=[prostate])
    html = client.get(f"{finder.url}{trial.registry_id}/").content.decode()
    link = re.search(r'<a class="button button--secondary" href="([^"]+)">Ask a nurse about this trial</a>', html)
    assert link is not None
    form = client.get(unescape(link.group(1)))
    assert form.status_code == 200
    page = form.content.decode()
    assert "<h1>Ask a nurse</h1>" in page
    question = re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S).group(1)
    assert unescape(question).strip() == (
        "My question is about: The clinical trial NCT01194648: Focal therapy for prostate cancer"
    )
    assert '<option value="prostate-cancer" selected>Prostate cancer</option>' in page


def test_the_ask_a_nurse_form_takes_only_a_short_single_line_subject_and_a_known_cancer_type(client, finder):
    page = client.get(
        "/contact-us/ask-a-nurse/", {"subject": "<b>x</b>\r\nSecond line" + "y" * 400, "cancer_type": "no-such"}
    ).content.decode()
    question = unescape(re.search(r"<textarea[^>]*>(.*?)</textarea>", page, re.S).group(1)).strip()
    assert question == "My question is about: <b>x</b> Second line" + "y" * (300 - len("<b>x</b> Second line"))
    assert "<b>x</b>" not in page  # escaped
    assert '<option value="" selected>Not sure, or I would rather not say</option>' in page
