"""What other apps may use of trials (the contracts in pyproject.toml allow imports of this module only).

Import it inside a function when the importing module loads before the apps are ready, as with any models module.
"""

from .models import Trial, TrialFinderPage
from .services import offered_trials

__all__ = ["Trial", "TrialFinderPage", "offered_trials"]
