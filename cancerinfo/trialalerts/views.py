"""Thin views for trial alerts: the sign-up form, "check your e-mail", and the two links the e-mails carry.

A link from an e-mail only ever shows a button on GET: mail scanners that open links start and stop nobody's alert.
The unsubscribe address also takes the one-click POST mail programs send (RFC 8058), without a CSRF token: the
secret in the address is the proof.
"""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cancerinfo.delivery.throttle import TRIAL_ALERT, TRIAL_ALERT_ADDRESS
from cancerinfo.deployment import crypto

from . import services
from .forms import AlertForm


def _finder_url() -> str:
    from cancerinfo.trials.interface import TrialFinderPage

    finder = TrialFinderPage.objects.live().only("url_path").first()
    return finder.url if finder else "/"


def _private(response):
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Cache-Control"] = "no-store"
    return response


def _render(request, template: str, context: dict | None = None, status: int = 200):
    context = {"finder_url": _finder_url(), "miles": settings.TRIAL_ALERTS_MILES, **(context or {})}
    return _private(render(request, f"trialalerts/{template}", context, status=status))


@require_http_methods(["GET", "POST"])
def subscribe(request):
    rate_limited = False
    if request.method == "POST":
        form = AlertForm(request.POST)
        if form.is_valid():
            if not TRIAL_ALERT.attempt(request):
                rate_limited = True
            else:
                email = form.cleaned_data["email"]
                # Too many confirmation e-mails to one address today: say the same, send nothing more.
                if TRIAL_ALERT_ADDRESS.attempt(request, subject=crypto.lookup_hash(email)):
                    services.subscribe(
                        email,
                        form.cleaned_data["postcode"],
                        form.cleaned_data["cancer"],
                        lambda token: request.build_absolute_uri(reverse("trialalerts:confirm", args=[token])),
                        lambda token: request.build_absolute_uri(services.unsubscribe_path(token)),
                    )
                return HttpResponseRedirect(reverse("trialalerts:sent"))
    else:
        form = AlertForm(initial={key: request.GET.get(key, "")[:40] for key in ("cancer", "postcode")})
    status = 429 if rate_limited else 400 if form.errors else 200
    context = {"form": form, "rate_limited": rate_limited, "retention_days": settings.TRIAL_ALERTS_RETENTION_DAYS}
    return _render(request, "subscribe.html", context, status=status)


def check_your_email(request):
    return _render(request, "check_your_email.html", {"confirm_days": settings.TRIAL_ALERTS_CONFIRM_DAYS})


@require_http_methods(["GET", "POST"])
def confirm(request, token):
    alert = services.alert_for_token(token)
    if alert is None:
        return _render(request, "link_not_working.html", status=404)
    if request.method == "POST":
        services.confirm(alert)
        return HttpResponseRedirect(reverse("trialalerts:confirm", args=[token]))
    if alert.is_confirmed:
        context = {
            "alert": alert,
            "known": alert.known_trials.count(),
            "expires": services.expires_on(alert),
            "search_url": services.finder_search_url(alert, _finder_url()),
            "unsubscribe_url": services.unsubscribe_path(token),
        }
        return _render(request, "confirmed.html", context)
    return _render(request, "confirm.html", {"alert": alert, "token": token})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    alert = services.alert_for_token(token)
    if request.method == "POST":
        if alert is not None:
            services.unsubscribe(alert)
        return _render(request, "unsubscribed.html")
    if alert is None:
        return _render(request, "unsubscribed.html", {"already": True})
    return _render(request, "unsubscribe.html", {"alert": alert, "token": token})
