"""Build trials, sites and postcode districts for tests, and ClinicalTrials.gov study records to import."""

import datetime
import itertools
import json
from pathlib import Path

from cancerinfo.trials import freshness
from cancerinfo.trials.choices import Phase, Sex, Status
from cancerinfo.trials.models import PostcodeDistrict, Trial, TrialSite

# District centres as they appear in the shared postcode-districts.csv (numbers only).
DISTRICTS = {
    "SW1A": (51.502, -0.133833),
    "M1": (53.4777, -2.23678),
    "M20": (53.4251, -2.23167),
    "LS9": (53.7988, -1.51173),
    "G12": (55.8797, -4.30204),
    "CF14": (51.5204, -3.20213),
    "EH1": (55.9523, -3.19208),
}

_ids = itertools.count(1)


def make_districts(*codes):
    codes = codes or tuple(DISTRICTS)
    return [
        PostcodeDistrict.objects.get_or_create(
            outward_code=code, defaults={"latitude": DISTRICTS[code][0], "longitude": DISTRICTS[code][1]}
        )[0]
        for code in codes
    ]


UK_UNPLACED = "a UK site with no postcode"  # the default: the finder shows trials at a UK site unless widened


def make_trial(title="A trial", cancer_types=(), sites=(UK_UNPLACED,), **fields):
    """A recruiting trial, its registry record updated a month ago, at one UK site without coordinates unless
    `sites` says otherwise (each a key of DISTRICTS, a (lat, lon) pair, or UK_UNPLACED); sites=() for none."""
    number = next(_ids)
    fields.setdefault("registry_id", f"NCT{90000000 + number:08d}")
    fields.setdefault("status", Status.RECRUITING)
    fields.setdefault("phase", Phase.PHASE_2)
    fields.setdefault("sex", Sex.ALL)
    fields.setdefault("last_updated", freshness.today() - datetime.timedelta(days=30))
    fields.setdefault("registry_summary", f"Registry summary of {title}.")
    trial = Trial.objects.create(title=title, **fields)
    if cancer_types:
        trial.cancer_types.set(cancer_types)
    for site in sites:
        add_site(trial, site)
    return trial


def add_site(trial, district, name=None):
    """A site at a district's centre (district: a key of DISTRICTS) or at (lat, lon), or a UK site not placed."""
    if district == UK_UNPLACED:
        return TrialSite.objects.create(trial=trial, name=name or "Hospital in the UK", country="United Kingdom")
    if isinstance(district, str):
        latitude, longitude = DISTRICTS[district]
        label = district
    else:
        latitude, longitude = district
        label = f"{latitude},{longitude}"
    return TrialSite.objects.create(
        trial=trial,
        name=name or f"Hospital at {label}",
        city=label,
        country="United Kingdom",
        latitude=latitude,
        longitude=longitude,
    )


def study(nct_id="NCT01234567", title="Radiotherapy for prostate cancer", **overrides):
    """A ClinicalTrials.gov API v2 study, shaped like the real ones; overrides replace whole modules."""
    protocol = {
        "identificationModule": {"nctId": nct_id, "briefTitle": title, "officialTitle": f"Official: {title}"},
        "statusModule": {
            "overallStatus": "RECRUITING",
            "lastUpdatePostDateStruct": {"date": "2026-05-04", "type": "ACTUAL"},
        },
        "sponsorCollaboratorsModule": {"leadSponsor": {"name": "A university hospital"}},
        "descriptionModule": {"briefSummary": "The registry's summary."},
        "conditionsModule": {"conditions": ["Prostate Cancer"]},
        "designModule": {"studyType": "INTERVENTIONAL", "phases": ["PHASE3"]},
        "armsInterventionsModule": {"interventions": [{"type": "RADIATION", "name": "Short-course radiotherapy"}]},
        "eligibilityModule": {
            "eligibilityCriteria": "Inclusion Criteria:\n\n* Adults",
            "sex": "MALE",
            "minimumAge": "18 Years",
        },
        "contactsLocationsModule": {
            "locations": [
                {
                    "facility": "Manchester hospital",
                    "city": "Manchester",
                    "zip": "M20 4BX",
                    "country": "United Kingdom",
                    "geoPoint": {"lat": 53.4271, "lon": -2.23095},
                },
                {"facility": "Leeds hospital", "city": "Leeds", "zip": "LS9 7TF", "country": "United Kingdom"},
            ]
        },
    }
    protocol.update(overrides)
    return {"protocolSection": protocol, "derivedSection": {}, "hasResults": False}


def write_ndjson(path, studies, bad_lines=None):
    """Write studies one per line; bad_lines maps a 1-based line number to raw text put there instead."""
    lines = [json.dumps(s) for s in studies]
    for number, text in sorted((bad_lines or {}).items()):
        lines.insert(number - 1, text)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


ISRCTN_SAMPLE = Path(__file__).parent / "data" / "isrctn_sample.xml"


def isrctn_trial(
    number="ISRCTN20000001",
    title="A trial of radiotherapy for prostate cancer",
    *,
    last_updated="2026-10-01",
    nct="",
    recruitment=("2026-01-01", "2028-12-31"),
    centres=(("Leeds hospital", "Leeds", "LS9 7TF", "England"),),
    condition="Prostate cancer",
):
    """One <fullTrial> of ISRCTN XML (the registry's shape, trimmed to what we read)."""
    centre_xml = "".join(
        f"<trialCentre id='c{i}'><name>{name}</name><city>{city}</city><country>{country}</country>"
        f"<zip>{zip_code}</zip></trialCentre>"
        for i, (name, city, zip_code, country) in enumerate(centres)
    )
    return f"""
  <fullTrial>
    <trial lastUpdated="{last_updated}T10:00:00.000Z" version="1">
      <isrctn>{number.removeprefix("ISRCTN")}</isrctn>
      <trialDescription><title>{title}</title><plainEnglishSummary>Summary of {title}.</plainEnglishSummary>
      </trialDescription>
      <externalRefs><clinicalTrialsGovNumber>{nct}</clinicalTrialsGovNumber></externalRefs>
      <trialDesign><overallEndDate>2030-01-01T00:00:00.000Z</overallEndDate></trialDesign>
      <participants>
        <trialCentres>{centre_xml}</trialCentres>
        <inclusion>Adults</inclusion><gender>All</gender>
        <recruitmentStart>{recruitment[0]}T00:00:00.000Z</recruitmentStart>
        <recruitmentEnd>{recruitment[1]}T00:00:00.000Z</recruitmentEnd>
      </participants>
      <conditions><condition><description>{condition}</description></condition></conditions>
      <interventions><intervention><interventionType>Drug</interventionType><phase>Phase II</phase>
        <drugNames>Drug A</drugNames></intervention></interventions>
    </trial>
  </fullTrial>"""


def write_isrctn(path, trials):
    """An ISRCTN export holding the given <fullTrial> texts (see isrctn_trial)."""
    body = "".join(trials)
    path.write_text(
        f'<?xml version="1.0" encoding="UTF-8"?>\n<allTrials xmlns="http://www.67bricks.com/isrctn" '
        f'totalCount="{len(trials)}">{body}\n</allTrials>\n',
        encoding="utf-8",
    )
    return path
