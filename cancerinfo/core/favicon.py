"""The site's icon at /favicon.ico, where browsers ask for it whatever the page says (the pages also name it with
<link rel="icon">). A small PNG of our own, read once."""

from functools import cache
from pathlib import Path

from django.http import HttpResponse
from django.views.decorators.http import require_safe

FAVICON = Path(__file__).resolve().parent.parent / "static" / "img" / "favicon.png"
ONE_WEEK = 7 * 24 * 60 * 60


@cache
def _icon() -> bytes:
    return FAVICON.read_bytes()


@require_safe
def favicon(request):
    response = HttpResponse(_icon(), content_type="image/png")
    response["Cache-Control"] = f"public, max-age={ONE_WEEK}"
    return response
