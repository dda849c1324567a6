"""What other apps may use of trials (the contracts in pyproject.toml allow imports of this module only).

Import it inside a function when the importing module loads before the apps are ready, as with any models module.
"""

from .choices import Status
from .models import PostcodeDistrict, Trial, TrialFinderPage, TrialSite
from .postcodes import PostcodeError, bounding_box, locate_postcode, normalise_postcode
from .services import offered_trials

__all__ = [
    "PostcodeDistrict",
    "PostcodeError",
    "Status",
    "Trial",
    "TrialFinderPage",
    "TrialSite",
    "bounding_box",
    "locate_postcode",
    "normalise_postcode",
    "offered_trials",
]
