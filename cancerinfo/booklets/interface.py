"""What other apps may use of booklets (the contracts in pyproject.toml allow imports of this module only).

Import it inside a function when the importing module loads before the apps are ready, as with any models module.
"""

from .models import WHOLE_BOOKLET_SLUG, BookletCode, BookletIndexPage, BookletPage, BookletSectionPage
from .services import booklet_sections

__all__ = [
    "WHOLE_BOOKLET_SLUG", "BookletCode", "BookletIndexPage", "BookletPage", "BookletSectionPage", "booklet_sections",
]  # fmt: skip
