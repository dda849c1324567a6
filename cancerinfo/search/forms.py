"""The search page's input, read from the query string. Anything a stranger sends is cleaned or ignored, never an
error page: a bad page number means page 1, an unknown type means every type.

Read by hand rather than through a Django form: every search read one, and building the form (a deep copy of its
six fields and their widgets) and validating it was a tenth of a search's own work. The rules are the form's: text
is stripped, and text with a NUL character is refused (PostgreSQL refuses it)."""

import re

from .registry import kinds
from .services import MAX_QUERY_LENGTH, clean_query

MAX_PAGE = 1000
_WHOLE_NUMBER = re.compile(r"\.0*\s*$")  # "2.0" is page 2, as Django's IntegerField reads it


def _text(params, name: str) -> str:
    value = params.get(name)
    if not value or "\x00" in value:
        return ""
    return value.strip()


def _checked(params, name: str) -> bool:
    """A checkbox: ticked unless absent, empty or "false" (any case), as Django's CheckboxInput reads it."""
    value = params.get(name)
    return bool(value) and value.lower() != "false"


def _page(params) -> int:
    value = _text(params, "page")
    try:
        page = int(_WHOLE_NUMBER.sub("", value))
    except ValueError:  # not a number, or thousands of digits
        return 1
    return min(page, MAX_PAGE) if page >= 1 else 1


def read(params) -> dict:
    """Valid values from the query string (a QueryDict); invalid ones fall back to defaults."""
    cancer_type = _text(params, "cancer_type")[:100]
    within = _text(params, "within")[:300]
    known = kinds()
    return {
        "q": clean_query(_text(params, "q"))[:MAX_QUERY_LENGTH],
        "type": [kind for kind in params.getlist("type") if kind in known],
        "cancer_type": cancer_type if cancer_type.replace("-", "").isalnum() else "",
        "within": within if within.startswith("/") and "//" not in within else "",
        "page": _page(params),
        "closed": _checked(params, "closed"),
    }
