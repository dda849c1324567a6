"""The "Was this page helpful?" endpoint.

The form sits on every content page, which caches in front of Django may share, so it carries no CSRF token (a token
would make every page private). Instead: a honeypot field, a per-client limit (cancerinfo.delivery.throttle: a keyed
hash of the address, never the address itself), and nothing personal kept: page, yes/no, comment, date.
"""

from django.http import HttpResponseNotAllowed
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from wagtail.models import Page

from cancerinfo.core.text import clean_query
from cancerinfo.delivery.throttle import FEEDBACK

from .models import FEEDBACK_COMMENT_MAX, Feedback


def _page(value):
    try:
        return Page.objects.live().public().get(pk=int(value)) if value else None
    except (Page.DoesNotExist, ValueError, TypeError, OverflowError):
        return None


@csrf_exempt
@never_cache
def feedback(request):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    page = _page(request.POST.get("page"))
    if page is None:
        return render(request, "governance/feedback_missing.html", status=400)
    page = page.specific
    helpful = request.POST.get("helpful", "")
    comment = clean_query(request.POST.get("comment", ""), FEEDBACK_COMMENT_MAX)  # one printable line, no NUL
    context = {"feedback_page": page, "comment_max": FEEDBACK_COMMENT_MAX}
    if request.POST.get("website"):  # the honeypot: people never see this field
        return render(request, "governance/feedback_thanks.html", context)
    if not FEEDBACK.attempt(request):
        return render(request, "governance/feedback_limited.html", context, status=429)
    if helpful not in ("yes", "no"):
        context.update(errors={"helpful": "Choose yes or no"}, values={"comment": comment})
        return render(request, "governance/feedback_error.html", context, status=400)
    Feedback.objects.create(page=page, helpful=helpful == "yes", comment=comment)
    return render(request, "governance/feedback_thanks.html", context)
