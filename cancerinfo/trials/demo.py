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


def _site(name: str, city: str, postcode: str) -> SiteRecord:
    return SiteRecord(name=name, city=city, postcode=postcode, country="United Kingdom", contact=DEMO_CONTACT)


def _record(number: int, title: str, summary: str, interventions, conditions, phase, status, sites, **fields):
    fields.setdefault("min_age_months", 18 * 12)
    return TrialRecord(
        registry=Registry.DEMO,
        registry_id=f"DEMO{number:04d}",
        title=f"Demonstration: {title}",
        registry_summary=f"Sample text. {summary}",
        interventions=interventions,
        conditions=conditions,
        phase=phase,
        status=status,
        sites=sites,
        **fields,
    )


def _days_ago(days: int) -> datetime.date:
    """Our invented trials were "updated" a few weeks before the demo is built, so their status stays confirmed
    (freshness.py) however long after this was written the demo is loaded."""
    return datetime.date.today() - datetime.timedelta(days=days)


NORTH = _site("Demonstration Cancer Centre North", "Manchester", "M20 4BX")

# Our own writing: invented trials that show each part of the finder. Not real trials, not medical advice.
DEMO_TRIALS = [
    {
        "record": _record(
            1,
            "a gentler radiotherapy schedule for secondary bone cancer",
            "This invented trial compares one radiotherapy treatment with five.",
            ["Radiotherapy: one treatment", "Radiotherapy: five treatments"],
            ["Secondary bone cancer", "Bone pain"],
            Phase.PHASE_3,
            Status.RECRUITING,
            [NORTH, _site("Demonstration Hospital South", "London", "SW3 6JJ")],
            last_updated=_days_ago(66),
        ),
        "plain_summary": "Sample content. This pretend trial asks whether one radiotherapy treatment eases bone pain "
        "as well as five treatments do, so people spend less time travelling to hospital.",
        "what_it_involves": "You would have either one or five radiotherapy treatments. A nurse would phone you each "
        "week for two months to ask about your pain.",
        "key_eligibility": "You have cancer that has spread to the bones\nYou have pain in one area of bone\n"
        "You are 18 or older",
    },
    {
        "record": _record(
            2,
            "an exercise programme during chemotherapy for breast cancer",
            "This invented trial looks at walking and light exercise during treatment.",
            ["Behavioural: home exercise programme"],
            ["Breast cancer", "Fatigue"],
            Phase.NOT_APPLICABLE,
            Status.RECRUITING,
            [
                _site("Demonstration Infirmary", "Glasgow", "G12 0YN"),
                _site("Demonstration University Hospital", "Cardiff", "CF14 4XW"),
            ],
            max_age_months=80 * 12,
            last_updated=_days_ago(83),
        ),
        "plain_summary": "Sample content. This pretend trial asks whether a simple walking programme at home helps "
        "people feel less tired during chemotherapy.",
        "who_can_refer": Referral.SELF,
    },
    {
        "record": _record(
            3,
            "a new tablet alongside hormone therapy for prostate cancer",
            "This invented trial adds a tablet to standard hormone therapy.",
            ["Drug: demonstration tablet", "Drug: hormone therapy"],
            ["Prostate cancer"],
            Phase.PHASE_2,
            Status.NOT_YET_RECRUITING,
            [NORTH],
            sex=Sex.MALE,
            last_updated=_days_ago(34),
        ),
    },
    {
        "record": _record(
            4,
            "breathing support after lung cancer surgery",
            "This invented trial teaches breathing exercises before and after surgery.",
            ["Behavioural: breathing exercises"],
            ["Lung cancer"],
            Phase.NOT_APPLICABLE,
            Status.RECRUITING,
            [_site("Demonstration Chest Hospital", "Leeds", "LS9 7TF")],
            last_updated=_days_ago(108),
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
