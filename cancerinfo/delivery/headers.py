"""Security headers on every response: Content-Security-Policy (django-csp), Permissions-Policy, and (from Django)
X-Frame-Options, nosniff, Referrer-Policy and Cross-Origin-Opener-Policy.

The embeddable cards (settings.EMBED_PATH_PREFIXES, api/embeds.py) are the one place other sites may frame: their
policy says `frame-ancestors *` and allows no script, they get no X-Frame-Options, send no referrer and set no
cookie, whatever the middlewares inside (sessions, CSRF, messages) would have done.

These middlewares sit outside the page cache in settings.MIDDLEWARE, so a page served from the cache gets exactly
the headers a fresh one gets. The public policy uses no nonces: every script and style is a static file, so the
header never depends on the request and a stored page can never disagree with the header sent with it.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.CONTENT_SECURITY_POLICY_ADMIN_PREFIXES))


def is_embed_path(path: str) -> bool:
    return path.startswith(tuple(settings.EMBED_PATH_PREFIXES))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the staff areas' own (looser) policy: Wagtail's admin needs inline code."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        elif not report_only and parts.config is None and is_embed_path(request.path_info):
            parts.config = settings.CONTENT_SECURITY_POLICY_EMBED["DIRECTIVES"]
        return parts


class EmbeddableCardsMiddleware:
    """A card inside another site's page: framable (Django's X-Frame-Options middleware, outside this one, skips a
    response marked exempt), no cookie and no referrer. Decided by the path, outside the page cache, so a card served
    from it is marked like a fresh one (a view decorator's mark would not survive the cache). Outside the session,
    CSRF and messages middlewares, so it sees what they did: a session cookie the browser sent that is no longer
    valid would otherwise be deleted with a Set-Cookie."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_embed_path(request.path_info):
            response.xframe_options_exempt = True
            response.cookies.clear()
            if response.has_header("Set-Cookie"):
                del response["Set-Cookie"]
            response["Referrer-Policy"] = "no-referrer"
        return response


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        return response
