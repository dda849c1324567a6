"""Demo trials: postcode districts and the real ClinicalTrials.gov sample when the shared data is there, otherwise a
few trials of our own, clearly marked as demonstrations. Safe to run again."""

import datetime

from django.conf import settings

from .choices import Phase, Referral, Registry, Sex, Status
from .importer import import_path, save_records
from .models import PostcodeDistrict, Trial, TrialFinderPage
from .registries.base import SiteRecord, TrialRecord
from .services import load_postcode_districts

DEMO_CONTACT = "Demonstration trial team, 0000 000 0000 (not a real number)"

# Our own writing: invented trials that show each part of the finder. Not real trials, not medical advice.
DEMO_TRIALS = [
    {
        "record": TrialRecord(
            registry=Registry.DEMO,
            registry_id="DEMO0001",
            title="Demonstration: a gentler radiotherapy schedule for secondary bone cancer",
            official_title="Demonstration trial comparing one and five treatments of radiotherapy for painful bones",
            registry_summary="Sample text. This invented trial compares one radiotherapy treatment with five.",
            interventions=["Radiotherapy: one treatment", "Radiotherapy: five treatments"],
            conditions=["Secondary bone cancer", "Bone pain"],
            phase=Phase.PHASE_3,
            status=Status.RECRUITING,
            min_age_months=18 * 12,
            sex=Sex.ALL,
            last_updated=datetime.date(2026, 10, 1),
            sites=[
                SiteRecord(
                    name="Demonstration Cancer Centre North",
                    city="Manchester",
                    postcode="M20 4BX",
                    country="United Kingdom",
                    contact=DEMO_CONTACT,
                ),
                SiteRecord(
                    name="Demonstration Hospital South",
                    city="London",
                    postcode="SW3 6JJ",
                    country="United Kingdom",
                    contact=DEMO_CONTACT,
                ),
            ],
        ),
        "plain_summary": "Sample content. This pretend trial asks whether one radiotherapy treatment eases bone pain "
        "as well as five treatments do, so people spend less time travelling to hospital.",
        "what_it_involves": "You would have either one or five radiotherapy treatments. A nurse would phone you each "
        "week for two months to ask about your pain.",
        "key_eligibility": "You have cancer that has spread to the bones\nYou have pain in one area of bone\n"
        "You are 18 or older",
    },
    {
        "record": TrialRecord(
            registry=Registry.DEMO,
            registry_id="DEMO0002",
            title="Demonstration: an exercise programme during chemotherapy for breast cancer",
            registry_summary="Sample text. This invented trial looks at walking and light exercise during treatment.",
            interventions=["Behavioural: home exercise programme"],
            conditions=["Breast cancer", "Fatigue"],
            phase=Phase.NOT_APPLICABLE,
            status=Status.RECRUITING,
            min_age_months=18 * 12,
            max_age_months=80 * 12,
            sex=Sex.ALL,
            last_updated=datetime.date(2026, 9, 14),
            sites=[
                SiteRecord(
                    name="Demonstration Infirmary",
                    city="Glasgow",
                    postcode="G12 0YN",
                    country="United Kingdom",
                    contact=DEMO_CONTACT,
                ),
                SiteRecord(
                    name="Demonstration University Hospital",
                    city="Cardiff",
                    postcode="CF14 4XW",
                    country="United Kingdom",
                    contact=DEMO_CONTACT,
                ),
            ],
        ),
        "plain_summary": "Sample content. This pretend trial asks whether a simple walking programme at home helps "
        "people feel less tired during chemotherapy.",
        "who_can_refer": Referral.SELF,
    },
    {
        "record": TrialRecord(
            registry=Registry.DEMO,
            registry_id="DEMO0003",
            title="Demonstration: a new tablet alongside hormone therapy for prostate cancer",
            registry_summary="Sample text. This invented trial adds a tablet to standard hormone therapy.",
            interventions=["Drug: demonstration tablet", "Drug: hormone therapy"],
            conditions=["Prostate cancer"],
            phase=Phase.PHASE_2,
            status=Status.NOT_YET_RECRUITING,
            min_age_months=18 * 12,
            sex=Sex.MALE,
            last_updated=datetime.date(2026, 11, 2),
            sites=[
                SiteRecord(
                    name="Demonstration Cancer Centre North",
                    city="Manchester",
                    postcode="M20 4BX",
                    country="United Kingdom",
                    contact=DEMO_CONTACT,
                ),
            ],
        ),
    },
    {
        "record": TrialRecord(
            registry=Registry.DEMO,
            registry_id="DEMO0004",
            title="Demonstration: breathing support after lung cancer surgery",
            registry_summary="Sample text. This invented trial teaches breathing exercises before and after surgery.",
            interventions=["Behavioural: breathing exercises"],
            conditions=["Lung cancer"],
            phase=Phase.NOT_APPLICABLE,
            status=Status.RECRUITING,
            min_age_months=18 * 12,
            sex=Sex.ALL,
            last_updated=datetime.date(2026, 8, 20),
            sites=[
                SiteRecord(
                    name="Demonstration Chest Hospital",
                    city="Leeds",
                    postcode="LS9 7TF",
                    country="United Kingdom",
                    contact=DEMO_CONTACT,
                ),
            ],
        ),
    },
]


def _ensure_finder_page(areas) -> None:
    """Older demo databases made the clinical trials area an index page: swap in the finder if it is empty."""
    from cancerinfo.core.demo import build_site

    area = areas.get("clinical-trials")
    if area is None or isinstance(area.specific, TrialFinderPage) or area.get_children().exists():
        return
    area.delete()
    areas.update(build_site())


def load_demo_trials() -> int:
    save_records([entry["record"] for entry in DEMO_TRIALS])
    editor_fields = ("plain_summary", "what_it_involves", "key_eligibility", "who_can_refer")
    for entry in DEMO_TRIALS:
        trial = Trial.objects.get(registry_id=entry["record"].registry_id)
        trial.is_demo = True
        for name in editor_fields:
            if name in entry and not getattr(trial, name):
                setattr(trial, name, entry[name])
        trial.save()
    return len(DEMO_TRIALS)


def load(areas, stdout) -> None:
    _ensure_finder_page(areas)
    districts = settings.TRIALS_POSTCODE_DISTRICTS_CSV
    if districts.exists():
        loaded, _ = load_postcode_districts(districts)
        stdout.write(f"Trials: {loaded} postcode districts.")
    else:
        stdout.write(f"Trials: no postcode districts at {districts}; distances are off.")
    studies = settings.TRIALS_DEMO_STUDIES
    if studies.exists():
        report = import_path(studies)
        stdout.write(
            f"Trials: imported {report.created + report.updated} trials from ClinicalTrials.gov "
            f"({len(report.skipped)} skipped) in {report.seconds:.1f} s."
        )
    else:
        count = load_demo_trials()
        stdout.write(f"Trials: {count} demonstration trials (the ClinicalTrials.gov sample is not at {studies}).")
    if not PostcodeDistrict.objects.exists():
        stdout.write("Trials: load postcode districts with manage.py load_postcode_districts for distances.")
