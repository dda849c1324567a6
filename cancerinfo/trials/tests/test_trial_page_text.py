"""On a trial's page the registry's eligibility criteria and summary are readable lists, and a long text has a
"Show all" link that works without JavaScript (an ordinary link to the same page asking for all of it)."""

import io
import json

import pytest
from django.conf import settings
from django.core.management import call_command

from cancerinfo.trials.models import Trial

from .factories import make_trial

pytestmark = pytest.mark.django_db


def long_criteria():
    inclusion = "\n".join(f"* Inclusion point {n} says something a patient needs to know." for n in range(1, 11))
    exclusion = "\n".join(f"{n}. Exclusion point {n} says something else that matters." for n in range(1, 40))
    return f"Inclusion Criteria:\n\n{inclusion}\n\nExclusion Criteria:\n\n{exclusion}"


def test_eligibility_criteria_are_readable_lists_under_plain_headings(client, finder):
    trial = make_trial(
        "Trial",
        registry_eligibility="Inclusion Criteria:\n\n1. Prostate cancer\n2. Serum PSA \\</=20ng/ml\n\n"
        "   * measured twice\n\nExclusion Criteria:\n\n* Life expectancy \\< 10 years",
    )
    response = client.get(f"{finder.url}{trial.registry_id}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h3 id="eligibility">Eligibility criteria from the registry</h3>' in html
    assert (
        '<div class="registry-text" id="eligibility-text">'
        "<h4>Who can take part (inclusion criteria)</h4>"
        "<ol><li>Prostate cancer</li><li>Serum PSA ≤20ng/ml<ul><li>measured twice</li></ul></li></ol>"
        "<h4>Who cannot take part (exclusion criteria)</h4>"
        "<ul><li>Life expectancy &lt; 10 years</li></ul></div>"
    ) in html
    assert "\\" not in html.split('id="eligibility-text"')[1].split("</div>")[0]
    assert "Show all the eligibility criteria" not in html  # short: all of it is there


def test_long_criteria_show_whole_points_and_a_link_to_all_of_them(client, finder):
    trial = make_trial("Trial", registry_eligibility=long_criteria())
    url = f"{finder.url}{trial.registry_id}/"
    html = client.get(url, {"postcode": "LS1 4AP", "utm_source": "x"}).content.decode()
    assert "<li>Inclusion point 10 says something a patient needs to know.</li>" in html
    assert "Exclusion point 39" not in html
    link = '<a href="?postcode=LS1+4AP&amp;show=eligibility#eligibility-text">Show all the eligibility criteria</a>'
    assert link in html
    assert "more points)" in html

    everything = client.get(url, {"postcode": "LS1 4AP", "show": "eligibility"})
    html = everything.content.decode()
    assert everything.status_code == 200
    assert "<li>Exclusion point 39 says something else that matters.</li></ol>" in html
    assert '<a href="?postcode=LS1+4AP#eligibility-text">Show less of the eligibility criteria</a>' in html
    assert "Show all the eligibility criteria" not in html


def test_a_registry_summary_is_rendered_as_lists_and_an_editors_summary_as_written(client, finder):
    registry = make_trial("Registry", registry_summary="The study has two parts:\n\n* a blood test\n* a scan")
    html = client.get(f"{finder.url}{registry.registry_id}/").content.decode()
    assert "<p>The study has two parts:</p><ul><li>a blood test</li><li>a scan</li></ul>" in html
    assert "This summary is from the trial registry" in html

    edited = make_trial("Edited", plain_summary="Line one\n\nLine two * not a list")
    html = client.get(f"{finder.url}{edited.registry_id}/").content.decode()
    assert "<p>Line one</p>\n\n<p>Line two * not a list</p>" in html


def test_the_real_record_with_escaped_markup_reads_cleanly(client, finder, tmp_path):
    source = settings.TRIALS_DEMO_STUDIES
    if not source.exists():
        pytest.skip(f"The shared ClinicalTrials.gov sample is not at {source}")
    with source.open(encoding="utf-8") as handle:
        line = next(line for line in handle if '"NCT01194648"' in line)
    assert "Serum PSA \\</=20ng/ml" in json.loads(line)["protocolSection"]["eligibilityModule"]["eligibilityCriteria"]
    path = tmp_path / "one.ndjson"
    path.write_text(line, encoding="utf-8")
    call_command("import_trials", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    trial = Trial.objects.get(registry_id="NCT01194648")
    trial.is_cancer_trial = True
    trial.save()
    html = client.get(f"{finder.url}NCT01194648/").content.decode()
    text = html.split('id="eligibility-text">')[1].split("</div>")[0]
    assert "<li>Serum PSA ≤20ng/ml</li>" in text
    assert "<li>Life expectancy of ≥10 years.</li>" in text
    assert "<li>Prostate biopsy (either TRUS or MRI Targeted or Template):<ul><li>TRUS biopsy:" in text
    assert "\\" not in text and "&lt;/=" not in text
