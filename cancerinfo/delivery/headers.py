"""Security headers on every response: Content-Security-Policy (django-csp), Permissions-Policy, and (from Django)
X-Frame-Options, nosniff, Referrer-Policy and Cross-Origin-Opener-Policy.

These middlewares sit outside the page cache in settings.MIDDLEWARE, so a page served from the cache gets exactly
the headers a fresh one gets. The public policy uses no nonces: every script and style is a static file, so the
header never depends on the request and a stored page can never disagree with the header sent with it.
"""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def is_admin_path(path: str) -> bool:
    return path.startswith(tuple(settings.CONTENT_SECURITY_POLICY_ADMIN_PREFIXES))


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the staff areas' own (looser) policy: Wagtail's admin needs inline code."""

    def get_policy_parts(self, request, response, report_only: bool = False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request.path_info):
            parts.config = settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = settings.PERMISSIONS_POLICY
        return response
