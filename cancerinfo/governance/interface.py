"""What other apps may use of governance (the contracts in pyproject.toml allow imports of this module only).

Import it inside a function when the importing module loads before the apps are ready, as with any models module.
"""

from .services import Approval, approvals

__all__ = ["Approval", "approvals"]
