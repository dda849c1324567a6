"""Alerts in each state, and ClinicalTrials.gov records (shaped like the real ones; our own words) to import."""

from django.utils import timezone

from cancerinfo.trialalerts.models import TrialAlert
from cancerinfo.trials.tests.factories import study

LEEDS_HOSPITAL = {
    "facility": "A Leeds teaching hospital (sample)",
    "city": "Leeds",
    "zip": "LS9 7TF",
    "country": "United Kingdom",
    "status": "RECRUITING",
    "geoPoint": {"lat": 53.8046, "lon": -1.5198},
}
GLASGOW_HOSPITAL = {
    "facility": "A Glasgow hospital (sample)",
    "city": "Glasgow",
    "zip": "G12 0YN",
    "country": "United Kingdom",
    "status": "RECRUITING",
    "geoPoint": {"lat": 55.8797, "lon": -4.30204},
}


def alert(email="sam@example.org", district="LS1", cancer_type=None, confirmed=True, **fields):
    made = TrialAlert.objects.create(
        email=email,
        district=district,
        cancer_type=cancer_type,
        confirmed_at=timezone.now() if confirmed else None,
        **fields,
    )
    return made


def trial_study(nct_id, condition="Breast Cancer", locations=(LEEDS_HOSPITAL,), status="RECRUITING", updated=None):
    """A study for the importer: recruiting, updated recently, at the given sites."""
    return study(
        nct_id=nct_id,
        title=f"A sample trial of a new treatment for {condition.lower()}",
        statusModule={
            "overallStatus": status,
            "lastUpdatePostDateStruct": {"date": updated or timezone.localdate().isoformat(), "type": "ACTUAL"},
        },
        conditionsModule={"conditions": [condition]},
        eligibilityModule={"eligibilityCriteria": "Inclusion Criteria:\n\n* Adults", "sex": "ALL"},
        contactsLocationsModule={"locations": list(locations)},
    )
