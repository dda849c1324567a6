"""The nurses' chat console in the Wagtail admin, at /admin/chat/ (mounted ahead of Wagtail's admin, like the nurse
inbox: a plain 403 for anyone outside the Nurses role). The second factor is checked by the staff middleware for
these pages, and by the console's WebSocket itself (consumers.NurseConsumer).

The console page loads console.js, which receives the queue and the messages over the WebSocket; the actions
(pick up, transfer, emergency, end) are posted here, so each is a plain form that also works without the script.
Every response is Cache-Control: no-store. Reading a transcript is audited.
"""

import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_POST

from . import services
from .models import Chat, ChatAuditEntry, SavedReply
from .views import no_store


def nurse_only(view):
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("wagtailadmin_login"))
        if not services.is_nurse(request.user):
            return no_store(TemplateResponse(request, "chat/admin/forbidden.html", status=403))
        if not services.second_factor_passed(request.user, request.session):
            return redirect(f"{reverse('staff:verify')}?next={request.path}")
        return no_store(view(request, *args, **kwargs))

    return wrapped


def answer(request, message: str, ok: bool = True):
    """A console action's answer: JSON for the script, a message and the console again for a plain form."""
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse({"ok": ok, "message": message}, status=200 if ok else 409)
    (messages.success if ok else messages.error)(request, message)
    return redirect("chat_admin:console")


@nurse_only
def console(request):
    services.seen_console(request.user)
    context = {
        "waiting": list(services.waiting_chats()),
        "mine": list(services.my_chats(request.user)),
        "accepting": services.accepting(),
        "availability": services.availability(),
        "saved_replies": list(SavedReply.objects.all()),
        "outcomes": [
            (value, label) for value, label in Chat.Outcome.choices if value not in ("reader_left", "off_duty")
        ],
        "other_nurses": list(services.other_nurses(request.user)),
        "max_length": settings.CHAT_MAX_MESSAGE_LENGTH,
        "emergency_count": Chat.objects.filter(emergency_at__isnull=False, supervisor_checked_at__isnull=True).count(),
    }
    return TemplateResponse(request, "chat/admin/console.html", context)


@nurse_only
@require_POST
def pick_up(request, pk):
    try:
        chat = services.pick_up(pk, request.user)
    except services.ChatError as error:
        return answer(request, str(error), ok=False)
    return answer(request, f"You have picked up {chat.reference}.")


@nurse_only
@require_POST
def transfer(request, pk):
    try:
        chat = services.held_chat(pk, request.user)
        to = get_user_model().objects.filter(pk=request.POST.get("to") or 0).first()
        if to is None:
            raise services.ChatError("Choose another nurse to pass the chat to")
        services.transfer(chat, request.user, to)
    except services.ChatError as error:
        return answer(request, str(error), ok=False)
    return answer(request, f"{chat.reference} is now with {to.get_username()}.")


@nurse_only
@require_POST
def emergency(request, pk):
    try:
        chat = services.held_chat(pk, request.user)
    except services.ChatError as error:
        return answer(request, str(error), ok=False)
    services.emergency(chat, request.user)
    return answer(request, f"The reader of {chat.reference} now sees the emergency contacts; a supervisor will check.")


@nurse_only
@require_POST
def end(request, pk):
    try:
        chat = services.held_chat(pk, request.user)
        services.end(chat, request.POST.get("outcome", ""), request.user)
    except services.ChatError as error:
        return answer(request, str(error), ok=False)
    return answer(request, f"{chat.reference} has ended.")


@nurse_only
@require_POST
def switch(request):
    on = request.POST.get("accepting") == "on"
    services.set_accepting(on, request.user)
    return answer(request, "Live chat is switched on." if on else "Live chat is switched off.")


@nurse_only
def history(request):
    chats = Chat.objects.exclude(status__in=[Chat.Status.WAITING, Chat.Status.ACTIVE]).select_related("nurse")
    if request.GET.get("emergency"):
        chats = chats.filter(emergency_at__isnull=False)
    page = Paginator(chats.order_by("-created_at"), 50).get_page(request.GET.get("p"))
    return TemplateResponse(request, "chat/admin/history.html", {"page_obj": page})


@nurse_only
def transcript(request, pk):
    chat = get_object_or_404(Chat.objects.select_related("nurse"), pk=pk)
    services.record_view(chat, request.user)
    context = {
        "chat": chat,
        "chat_messages": list(chat.messages.all()),
        "audit": ChatAuditEntry.objects.filter(reference=chat.reference).select_related("actor")[:50],
    }
    return TemplateResponse(request, "chat/admin/transcript.html", context)


@nurse_only
@require_POST
def supervisor_checked(request, pk):
    chat = get_object_or_404(Chat, pk=pk)
    services.supervisor_checked(chat, request.user)
    messages.success(request, f"{chat.reference}: marked as checked.")
    return redirect("chat_admin:transcript", pk=pk)


@nurse_only
def link_search(request):
    """Our pages whose title matches, for a link in a message."""
    from wagtail.models import Page

    query = " ".join(request.GET.get("q", "").split())[:100]
    pages = []
    if len(query) >= 2:
        pages = Page.objects.live().public().filter(depth__gt=2, title__icontains=query).order_by("title")[:10]
    return JsonResponse({"pages": [{"title": page.title, "url": page.full_url} for page in pages]})
