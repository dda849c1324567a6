"""The terms on which others may reuse our content: in every API answer, on the docs page and in structured data."""

from django.conf import settings

TERMS_PATH = "/api/#terms-of-reuse"


def terms_of_reuse(base_url: str) -> dict:
    return {
        "licence": {"name": settings.API_LICENCE_NAME, "url": settings.API_LICENCE_URL},
        "attribution": settings.API_ATTRIBUTION,
        "terms_url": f"{base_url}{TERMS_PATH}",
        "summary": (
            "Show our name and a link to the page each item came from, with its review date. Do not change the "
            "medical meaning. Items with their own licence or attribution (imported answers and definitions) are "
            "reused on those terms."
        ),
    }


def link_header(base_url: str) -> str:
    """The Link header every answer carries, so the terms travel with the content even without the envelope."""
    return f'<{settings.API_LICENCE_URL}>; rel="license", <{base_url}{TERMS_PATH}>; rel="terms-of-service"'
