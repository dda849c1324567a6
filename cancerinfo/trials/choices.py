"""The trial vocabulary every registry maps onto: statuses, phases, sexes and who can refer."""

from django.db import models


class Status(models.TextChoices):
    RECRUITING = "recruiting", "Recruiting"
    NOT_YET_RECRUITING = "not_yet_recruiting", "Opening soon"
    ENROLLING_BY_INVITATION = "by_invitation", "By invitation only"
    ACTIVE_NOT_RECRUITING = "active_not_recruiting", "Closed to new patients"
    SUSPENDED = "suspended", "Paused"
    COMPLETED = "completed", "Finished"
    TERMINATED = "terminated", "Stopped early"
    WITHDRAWN = "withdrawn", "Withdrawn"
    UNKNOWN = "unknown", "Status not known"


# What the finder's status filter offers, and which statuses each choice covers.
STATUS_FILTERS = {
    "recruiting": ("Recruiting now", [Status.RECRUITING]),
    "soon": ("Opening soon", [Status.NOT_YET_RECRUITING]),
    "unconfirmed": ("Recruiting, but not confirmed recently", [Status.RECRUITING, Status.NOT_YET_RECRUITING]),
    "closed": (
        "Closed or finished",
        [
            Status.ENROLLING_BY_INVITATION,
            Status.ACTIVE_NOT_RECRUITING,
            Status.SUSPENDED,
            Status.COMPLETED,
            Status.TERMINATED,
            Status.WITHDRAWN,
            Status.UNKNOWN,
        ],
    ),
    "all": ("Any status", None),
}
DEFAULT_STATUS_FILTER = "recruiting"
# Honest status (freshness.py): these filters show only trials whose registry confirmed their status recently, and
# "unconfirmed" only those it has not; the others show both.
CONFIRMED_STATUS_FILTERS = {"recruiting", "soon"}
UNCONFIRMED_STATUS_FILTERS = {"unconfirmed"}
# Of these, a trial counts as "at a UK site" only through a UK site that is itself open (or does not say).
OPEN_STATUS_FILTERS = {"recruiting", "soon", "unconfirmed"}

# Where the sites may be: the finder shows trials with a UK site unless the person widens it to anywhere.
WHERE_FILTERS = {"uk": "At a UK site", "anywhere": "Anywhere, including outside the UK"}
DEFAULT_WHERE_FILTER = "uk"


# A site's own status that closes it to new patients (a blank status: the registry does not say, so it counts as open).
CLOSED_SITE_STATUSES = frozenset({"active_not_recruiting", "suspended", "completed", "terminated", "withdrawn"})


class Phase(models.TextChoices):
    EARLY_1 = "early_1", "Early phase 1"
    PHASE_1 = "1", "Phase 1"
    PHASE_1_2 = "1_2", "Phase 1/2"
    PHASE_2 = "2", "Phase 2"
    PHASE_2_3 = "2_3", "Phase 2/3"
    PHASE_3 = "3", "Phase 3"
    PHASE_4 = "4", "Phase 4"
    NOT_APPLICABLE = "na", "No phase (not a drug trial)"
    UNKNOWN = "", "Phase not given"


# The finder's phase filter: a combined phase (1/2) counts as both of its phases.
PHASE_FILTERS = {
    "1": ("Phase 1", [Phase.EARLY_1, Phase.PHASE_1, Phase.PHASE_1_2]),
    "2": ("Phase 2", [Phase.PHASE_1_2, Phase.PHASE_2, Phase.PHASE_2_3]),
    "3": ("Phase 3", [Phase.PHASE_2_3, Phase.PHASE_3]),
    "4": ("Phase 4", [Phase.PHASE_4]),
    "na": ("No phase (for example surgery, radiotherapy or support)", [Phase.NOT_APPLICABLE]),
}


class Sex(models.TextChoices):
    ALL = "all", "Anyone"
    FEMALE = "female", "Women only"
    MALE = "male", "Men only"


class Referral(models.TextChoices):
    DOCTOR = "doctor", "Your doctor needs to refer you"
    SELF = "self", "You can contact the trial team yourself"
    EITHER = "either", "You or your doctor can contact the trial team"


class Registry(models.TextChoices):
    CLINICALTRIALS_GOV = "clinicaltrials.gov", "ClinicalTrials.gov"
    ISRCTN = "isrctn", "ISRCTN registry"
    DEMO = "demo", "Demonstration (not a real trial)"


class IdentifierScheme(models.TextChoices):
    """The numbers a trial can be known by. NCT and ISRCTN numbers are registry records we import and merge on."""

    NCT = "nct", "ClinicalTrials.gov"
    ISRCTN = "isrctn", "ISRCTN"
    EUDRACT = "eudract", "EudraCT (EU)"
    IRAS = "iras", "IRAS (UK research approval)"
    CPMS = "cpms", "NIHR portfolio (CPMS)"


class CoordinatesSource(models.TextChoices):
    NONE = "", "Not known"
    REGISTRY = "registry", "From the registry"
    POSTCODE_DISTRICT = "postcode_district", "Centre of the postcode district"
    TOWN = "town", "Centre of the town (the registry gave no postcode)"
    EDITOR = "editor", "Entered by an editor"
