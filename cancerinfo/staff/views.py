"""Two-step verification pages: set up an authenticator app (and get recovery codes), enter a code."""

import django_otp
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from cancerinfo.delivery.throttle import Throttle

from . import second_factor
from .middleware import locked_out

WRONG_CODES = Throttle("staff-second-factor", "STAFF_SIGN_IN_FAILURE_LIMIT", 900)
staff_login_required = login_required(login_url="wagtailadmin_login")


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


@never_cache
@staff_login_required
@sensitive_post_parameters("code")
def setup(request):
    user = request.user
    if second_factor.has_second_factor(user) and not user.is_verified():
        return redirect(f"{reverse('staff:verify')}?next={reverse('staff:setup')}")
    context = {"next": _next(request), "required": second_factor.required_for(user)}
    if second_factor.has_second_factor(user):
        if request.method == "POST" and request.POST.get("action") == "new-codes":
            codes = second_factor.new_recovery_codes(user)
            return render(request, "staff/recovery_codes.html", {**context, "codes": codes})
        return render(request, "staff/two_step_on.html", context)
    error = ""
    if request.method == "POST":
        device = second_factor.confirm_app(user, request.POST.get("code", ""))
        if device is not None:
            django_otp.login(request, device)
            codes = second_factor.new_recovery_codes(user)
            return render(request, "staff/recovery_codes.html", {**context, "codes": codes, "first_time": True})
        error = "That code is not right. Enter the 6-digit code your app shows now (check your phone's clock)."
    device = second_factor.pending_app_device(user)
    context |= {
        "error": error,
        "qr_code": second_factor.qr_code_svg(device),
        "secret": second_factor.secret_for_typing(device),
    }
    return render(request, "staff/setup.html", context, status=200 if not error else 400)


@never_cache
@staff_login_required
@sensitive_post_parameters("code")
def verify(request):
    user = request.user
    if not second_factor.has_second_factor(user):
        return redirect(f"{reverse('staff:setup')}?next={_next(request)}")
    subject = f"user-{user.pk}"
    if WRONG_CODES.blocked(request, subject):
        logout(request)
        return locked_out(request)
    error = ""
    if request.method == "POST":
        device = second_factor.check_code(user, request.POST.get("code", ""))
        if device is not None:
            django_otp.login(request, device)
            return redirect(_next(request))
        WRONG_CODES.record(request, subject)
        error = "That code is not right. Enter the code your app shows now, or one of your recovery codes."
    return render(request, "staff/verify.html", {"next": _next(request), "error": error}, status=400 if error else 200)
