"""When the database is unreachable, say so kindly (503), never lose what the person typed, and recover by itself.

Connections are health-checked before reuse (CONN_HEALTH_CHECKS), so once the database is back the next request
simply works. A form that could not be saved is shown again with the person's words in it, ready to send again.
"""

import logging

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import get_template

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30
NEVER_ECHOED = ("password", "csrfmiddlewaretoken", "card", "cvc")


def _fields_to_keep(request) -> list[tuple[str, str]]:
    if request.method != "POST":
        return []
    kept = []
    for name, values in request.POST.lists():
        if any(word in name.lower() for word in NEVER_ECHOED):
            continue
        kept.extend((name, value) for value in values)
    return kept


class DatabaseOutageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        # Log the kind of failure only: form contents may be health information.
        logger.error("Database unavailable during %s %s: %s", request.method, request.path, type(exception).__name__)
        # Rendered without context processors: they read site settings from the database that has gone.
        html = get_template("503.html").render(
            {
                "kept_fields": _fields_to_keep(request),
                "action": request.path,
                "csrf_token": get_token(request),
                "helpline_number": settings.OUTAGE_HELPLINE_NUMBER,
                "helpline_tel": "".join(ch for ch in settings.OUTAGE_HELPLINE_NUMBER if ch.isdigit() or ch == "+"),
            }
        )
        response = HttpResponse(html, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response
