"""Staff doors: no admin page before the second factor, and a limit on password-reset requests and bad reset links.

Sign-in failures themselves are counted and locked out by django-axes (settings: AXES_*), on both admin logins.
"""

import hashlib

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode

from cancerinfo.delivery.throttle import Throttle

from . import second_factor

ADMIN_PREFIXES = ("/admin/", "/django-admin/")
# Reachable before the second factor: signing in and out, password reset, and the two-step pages themselves.
OPEN_PATHS = (
    "/admin/login/",
    "/admin/logout/",
    "/admin/password_reset/",
    "/admin/two-step/",
    "/admin/jsi18n/",
    "/admin/sprite",  # the admin's icons, which every admin page, the two-step ones included, loads
    "/django-admin/login/",
    "/django-admin/logout/",
)
PASSWORD_RESET_REQUESTS = Throttle("staff-password-reset", "STAFF_PASSWORD_RESETS_PER_HOUR")
BAD_RESET_LINKS = Throttle("staff-bad-reset-link", "STAFF_SIGN_IN_FAILURE_LIMIT")


def is_admin_path(path: str) -> bool:
    return path.startswith(ADMIN_PREFIXES)


class SecondFactorMiddleware:
    """Signed in with a password but not yet with the second factor: every admin page sends you to enrol (when the
    account must have one and has none) or to enter a code. After django_otp's OTPMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        # The path first: public pages never load the user (a session read and a query) for this check.
        user = getattr(request, "user", None) if is_admin_path(path) and not path.startswith(OPEN_PATHS) else None
        if user is not None and user.is_authenticated and not user.is_verified():
            if second_factor.has_second_factor(user):
                return redirect(f"{reverse('staff:verify')}?{urlencode({'next': request.get_full_path()})}")
            if second_factor.required_for(user):
                return redirect(f"{reverse('staff:setup')}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)


def _account(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]


class PasswordResetLimitMiddleware:
    """Password reset is a door too: requests are limited per address and per account (e-mail), and bad or used
    reset links count against the address like failed sign-ins."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        if not path.startswith(("/admin/password_reset/", "/django-admin/password_reset/")):
            return self.get_response(request)
        is_request = request.method == "POST" and path.rstrip("/").endswith("password_reset")
        if is_request:
            email = request.POST.get("email", "")
            over = PASSWORD_RESET_REQUESTS.record(request) > PASSWORD_RESET_REQUESTS._limit()
            over |= PASSWORD_RESET_REQUESTS.record(request, "account-" + _account(email)) > (
                PASSWORD_RESET_REQUESTS._limit()
            )
            if over:
                return locked_out(request)
        if "/confirm/" in path and BAD_RESET_LINKS.blocked(request):
            return locked_out(request)
        response = self.get_response(request)
        context = getattr(response, "context_data", None) or {}
        if "/confirm/" in path and context.get("validlink") is False:
            BAD_RESET_LINKS.record(request)
        return response


def locked_out(request, original_response=None, credentials=None):
    """The page for a locked door (also django-axes' AXES_LOCKOUT_CALLABLE): what happened and what to do."""
    minutes = settings.STAFF_LOCKOUT_MINUTES
    return render(
        request,
        "staff/locked_out.html",
        {"minutes": minutes, "unlock_command": "manage.py unlock_staff"},
        status=429,
    )
