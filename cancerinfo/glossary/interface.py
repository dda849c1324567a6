"""What other apps may use of the glossary (the contracts in pyproject.toml allow imports of this module only).

Import it inside a function when the importing module loads before the apps are ready, as with any models module.
"""

from .models import GlossaryIndexPage, Term

__all__ = ["GlossaryIndexPage", "Term"]
