"""Sending one webhook: a POST over urllib with a short timeout, never following redirects (a redirect could lead
to an address destinations.py refuses). Returns (status code or None, error text)."""

import urllib.error
import urllib.request

from django.conf import settings

USER_AGENT = "CancerInfo-Webhooks/1 (+/api/#webhooks)"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None  # the 3xx is returned as an error: the partner gives us the final address


_opener = urllib.request.build_opener(_NoRedirects)


def post(url: str, body: bytes, headers: dict[str, str]) -> tuple[int | None, str]:
    request = urllib.request.Request(  # noqa: S310 (destinations.check_destination allows https, http in development)
        url, data=body, method="POST", headers={"Content-Type": "application/json", "User-Agent": USER_AGENT, **headers}
    )
    try:
        with _opener.open(request, timeout=settings.WEBHOOK_TIMEOUT_SECONDS) as response:
            response.read(1024)
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code} {error.reason}"
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        return None, f"{type(reason).__name__}: {reason}"[:500]
