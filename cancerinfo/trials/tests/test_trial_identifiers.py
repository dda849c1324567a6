"""A trial's numbers: ISRCTN values map onto our vocabulary, both registries name each other's numbers, an editor can
link two registrations by hand, and any of a trial's numbers leads to its one page."""

import datetime
import io
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from cancerinfo.trials.choices import CoordinatesSource, IdentifierScheme, Phase, Registry, Status
from cancerinfo.trials.models import Trial, TrialIdentifier
from cancerinfo.trials.registries import clinicaltrials_gov, isrctn

from .factories import add_site, isrctn_trial, make_districts, make_trial, study, write_isrctn

ON = datetime.date(2026, 12, 7)
NS = "http://www.67bricks.com/isrctn"


def participants(start="", end="", override="", overall_end="", overall_override="", abandoned=""):
    xml = (
        f"<trial xmlns='{NS}'><participants><recruitmentStart>{start}</recruitmentStart>"
        f"<recruitmentEnd>{end}</recruitmentEnd><recruitmentStatusOverride>{override}</recruitmentStatusOverride>"
        f"</participants><trialDesign><overallEndDate>{overall_end}</overallEndDate>"
        f"<overallStatusOverride>{overall_override}</overallStatusOverride>"
        f"<reasonAbandoned>{abandoned}</reasonAbandoned></trialDesign></trial>"
    )
    trial = ET.fromstring(xml)  # noqa: S314 - our own test string
    return isrctn._find(trial, "participants"), isrctn._find(trial, "trialDesign")


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ({"start": "2026-01-01T00:00:00.000Z", "end": "2027-01-01T00:00:00.000Z"}, Status.RECRUITING),
        ({"start": "2027-01-01T00:00:00.000Z", "end": "2028-01-01T00:00:00.000Z"}, Status.NOT_YET_RECRUITING),
        (
            {"start": "2024-01-01", "end": "2025-01-01", "overall_end": "2027-06-30T00:00:00.000Z"},
            Status.ACTIVE_NOT_RECRUITING,
        ),
        ({"start": "2024-01-01", "end": "2025-01-01", "overall_end": "2025-06-30"}, Status.COMPLETED),
        ({"start": "2026-01-01", "end": "2027-01-01", "override": "Suspended"}, Status.SUSPENDED),
        ({"start": "2026-01-01", "end": "2027-01-01", "override": "Stopped"}, Status.TERMINATED),
        ({"start": "2026-01-01", "end": "2027-01-01", "overall_override": "Stopped"}, Status.TERMINATED),
        ({"start": "2026-01-01", "end": "2027-01-01", "abandoned": "Funding ended"}, Status.TERMINATED),
        ({}, Status.UNKNOWN),
        ({"overall_end": "2020-01-01"}, Status.COMPLETED),
    ],
)
def test_the_status_is_worked_out_from_the_recruitment_dates_and_overrides(dates, expected):
    assert isrctn.derive_status(*participants(**dates), on=ON) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Phase I", Phase.PHASE_1),
        ("Phase I/II", Phase.PHASE_1_2),
        ("Phase II/III", Phase.PHASE_2_3),
        ("Phase III", Phase.PHASE_3),
        ("Phase IV", Phase.PHASE_4),
        ("Phase 0", Phase.EARLY_1),
        ("Not Applicable", Phase.NOT_APPLICABLE),
        ("Not Specified", Phase.UNKNOWN),
        ("", Phase.UNKNOWN),
    ],
)
def test_isrctn_phases_map_onto_ours(value, expected):
    assert isrctn.map_phase(value) == expected


def test_a_clinicaltrials_gov_study_names_its_isrctn_and_eudract_numbers():
    record = clinicaltrials_gov.parse_record(
        study(
            identificationModule={
                "nctId": "NCT01234567",
                "briefTitle": "A trial",
                "secondaryIdInfos": [
                    {"id": "ISRCTN 12345678", "type": "OTHER"},
                    {"id": "87654321", "type": "REGISTRY", "domain": "ISRCTN registry"},
                    {"id": "2022-501515-14", "type": "EUDRACT_NUMBER"},
                    {"id": "12345678", "type": "OTHER", "domain": "A hospital"},  # not an ISRCTN number
                ],
            }
        )
    )
    assert record.secondary_ids == [
        (IdentifierScheme.ISRCTN, "ISRCTN12345678"),
        (IdentifierScheme.ISRCTN, "ISRCTN87654321"),
        (IdentifierScheme.EUDRACT, "2022-501515-14"),
    ]


@pytest.mark.django_db
def test_an_editor_can_link_two_registrations_by_hand(tmp_path, monkeypatch):
    monkeypatch.setattr(isrctn, "today", lambda: ON)
    trial = make_trial("A trial we know", last_updated=datetime.date(2026, 11, 30))
    TrialIdentifier.objects.create(trial=trial, scheme=IdentifierScheme.ISRCTN, value="ISRCTN20000001")
    call_command(
        "import_trials",
        str(write_isrctn(tmp_path / "isrctn.xml", [isrctn_trial("ISRCTN20000001", last_updated="2026-10-01")])),
        stdout=io.StringIO(),
        stderr=io.StringIO(),
    )
    assert Trial.objects.count() == 1
    assert list(trial.identifiers.values_list("value", "named_by")) == [("ISRCTN20000001", "")]  # the editor's
    assert Trial.objects.get().title == "A trial we know"  # its registry record is more recent than ISRCTN's


@pytest.mark.django_db
def test_the_admin_shows_and_edits_a_trials_other_numbers(client):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "a-long-password-1")
    client.force_login(user)
    trial = make_trial("Trial with two numbers", registry_id="NCT01234567")
    TrialIdentifier.objects.create(
        trial=trial, scheme=IdentifierScheme.ISRCTN, value="ISRCTN20000001", named_by=Registry.ISRCTN
    )
    response = client.get(f"/admin/snippets/trials/trial/edit/{trial.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Other trial numbers" in html and 'value="ISRCTN20000001"' in html


@pytest.mark.django_db
def test_another_registrys_number_leads_to_the_trials_one_page(client, finder, districts):
    trial = make_trial("Trial with two numbers", registry_id="NCT01234567")
    add_site(trial, "M20", name="Manchester hospital")
    TrialIdentifier.objects.create(trial=trial, scheme=IdentifierScheme.ISRCTN, value="ISRCTN20000001")

    response = client.get(f"{finder.url}isrctn20000001/", {"postcode": "M1 1AA"})
    assert response.status_code == 301
    assert response["Location"] == f"{finder.url}NCT01234567/?postcode=M1+1AA"
    assert client.get(f"{finder.url}ISRCTN29999999/").status_code == 404


# ------------------------------------------------------------------------------ centres with a town, no postcode


@pytest.mark.django_db
def test_a_uk_centre_with_a_town_but_no_postcode_is_placed_at_the_towns_centre(tmp_path, monkeypatch):
    monkeypatch.setattr(isrctn, "today", lambda: ON)
    csv = tmp_path / "districts.csv"
    csv.write_text(
        "Postcode,Latitude,Longitude,Town/Area,Post Town\n"
        "LS1,53.80,-1.55,Leeds city centre,Leeds\n"
        "LS9,53.80,-1.50,Harehills,LEEDS\n"
        "NE1,54.97,-1.61,Newcastle,\n"  # no post town: its Town/Area counts
        "ST5,53.01,-2.23,Newcastle,\n"  # two places called Newcastle, 150 miles apart
        "G1,55.86,-4.25,Glasgow,Glasgow\n"
    )
    call_command("load_postcode_districts", str(csv), stdout=io.StringIO())
    centres = [
        ("Leeds centre", "Leeds", "", "England"),
        ("Newcastle centre", "Newcastle", "", "England"),
        ("Glasgow centre", "glasgow (City of)", "", "Scotland"),
        ("Paris centre", "Glasgow", "", "France"),  # not in the UK: never placed from our districts
    ]
    out = io.StringIO()
    call_command(
        "import_trials",
        str(write_isrctn(tmp_path / "isrctn.xml", [isrctn_trial("ISRCTN20000001", centres=centres)])),
        stdout=out,
        stderr=io.StringIO(),
    )
    sites = {site.name: site for site in Trial.objects.get().sites.all()}
    leeds = sites["Leeds centre"]
    assert (round(leeds.latitude, 3), round(leeds.longitude, 3)) == (53.8, -1.525)  # the middle of LS1 and LS9
    assert leeds.coordinates_source == CoordinatesSource.TOWN
    assert (sites["Glasgow centre"].latitude, sites["Glasgow centre"].longitude) == (55.86, -4.25)
    assert not sites["Newcastle centre"].has_coordinates  # which Newcastle? left for an editor
    assert not sites["Paris centre"].has_coordinates
    assert "2 at the centre of their town" in out.getvalue()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_trial_in_two_registries_has_one_accessible_page(
    live_server, browser_page, assert_accessible, site_tree, tmp_path
):
    make_districts("M20")
    trial = make_trial("Shorter radiotherapy for prostate cancer", registry_id="NCT01234567", sites=["M20"])
    TrialIdentifier.objects.create(
        trial=trial, scheme=IdentifierScheme.ISRCTN, value="ISRCTN20000001", named_by=Registry.ISRCTN
    )
    browser_page.goto(f"{live_server.url}/clinical-trials/ISRCTN20000001/")
    browser_page.wait_for_url("**/clinical-trials/NCT01234567/")
    assert browser_page.locator(".trial-page__id").inner_text() == (
        "Trial number NCT01234567, also registered as ISRCTN20000001"
    )
    assert browser_page.get_by_role("link", name="See ISRCTN20000001 on ISRCTN").get_attribute("href") == (
        "https://www.isrctn.com/ISRCTN20000001"
    )
    assert_accessible(browser_page)
    for width in (390, 1280):
        browser_page.set_viewport_size({"width": width, "height": 900})
        browser_page.screenshot(path=str(tmp_path / f"trial-two-registries-{width}.png"), full_page=True)
