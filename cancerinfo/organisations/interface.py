"""What other apps may use of organisations (the contracts in pyproject.toml allow imports of this module only).

Import it inside a function when the importing module loads before the apps are ready, as with any models module.
"""

from .models import Organisation, SupportDirectoryPage

__all__ = ["Organisation", "SupportDirectoryPage"]
