"""What other apps may use of publications (the contracts in pyproject.toml allow imports of this module only).

Import it inside a function when the importing module loads before the apps are ready, as with any models module.
"""

from .pdf import html_to_pdf

__all__ = ["html_to_pdf"]
