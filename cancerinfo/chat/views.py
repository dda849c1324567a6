"""The reader's side: the chat page, and the plain JSON endpoints the page falls back to when WebSockets fail.

A reader holds their chat by its token, sent in the X-Chat-Token header (never in a URL, so never in an access
log). The endpoints read no cookie and no session, so they need no CSRF token: nothing a third-party page could
make a browser send carries the token. Every response is Cache-Control: no-store, and what readers type is marked
sensitive so it never appears in error reports.
"""

import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_GET, require_POST

from . import services, tasks
from .models import Chat, ChatMessage

TOKEN_HEADER = "HTTP_X_CHAT_TOKEN"  # noqa: S105 - a header name, not a secret
MAX_BODY = 16_000
EMAIL_ERROR = "Enter an email address in the correct format, like name@example.com"


def no_store(response):
    add_never_cache_headers(response)
    patch_cache_control(response, no_store=True, private=True)
    return response


def problem(message: str, status: int = 400, field: str = "") -> JsonResponse:
    return no_store(JsonResponse({"error": message, "field": field}, status=status))


def read_json(request) -> dict | None:
    if len(request.body) > MAX_BODY:
        return None
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return None
    return data if isinstance(data, dict) else None


def reader_chat(request) -> Chat | None:
    return services.chat_for_token(request.META.get(TOKEN_HEADER, ""))


@sensitive_variables("email")
def clean_email(value) -> str:
    """'' for no address; raises ValidationError for one that is not an address."""
    email = value.strip() if isinstance(value, str) else ""
    if not email:
        return ""
    if len(email) > 254 or any(ch in email for ch in "\r\n\x00"):
        raise ValidationError(EMAIL_ERROR)
    validate_email(email)
    return email


# --- The page --------------------------------------------------------------------------------------------------------


@require_GET
def chat_page(request):
    availability = services.availability()
    context = {
        "availability": availability,
        "ask_a_nurse_url": services.ask_a_nurse_url(),
        "reply_days": services.reply_days(),
        "urgent_line": services.URGENT_LINE,
        "max_length": settings.CHAT_MAX_MESSAGE_LENGTH,
        "retention_months": max(1, round(settings.CHAT_RETENTION_DAYS / 30.4)),
    }
    return no_store(TemplateResponse(request, "chat/chat_page.html", context))


def chat_offer_html(context) -> str:
    """The {% hole "chat_offer" %} on every page: "Chat to a nurse" while chats are open, nothing otherwise."""
    if not services.availability().open:
        return ""
    return render_to_string("chat/offer.html", {})


OFFER_SECONDS_WHILE_OPEN = 60


def offer_changes_in() -> float | None:
    """The offer changes when the helpline opens or closes, or when the nurses turn chat off: while it shows, no
    cache keeps a page for more than a minute, so the switch reaches every page within a minute."""
    status = services.status_at()
    until = (status.changes_at - status.now).total_seconds() if status.changes_at else None
    if status.is_open:
        return min(until, OFFER_SECONDS_WHILE_OPEN) if until is not None else OFFER_SECONDS_WHILE_OPEN
    return until


# --- JSON: the fallback when WebSockets fail, and what both share ----------------------------------------------------


@require_GET
def status(request):
    availability = services.availability()
    response = JsonResponse({"open": availability.open, "text": availability.text})
    patch_cache_control(response, max_age=30, public=True)
    return response


@csrf_exempt
@require_POST
@sensitive_post_parameters()
@sensitive_variables("data", "email")
def start(request):
    data = read_json(request)
    if data is None:
        return problem("That was not a request we understand")
    if data.get("consent") is not True:
        return problem("Tick the box to agree to our nurses reading and keeping what you write", field="consent")
    try:
        email = clean_email(data.get("email"))
    except ValidationError:
        return problem(EMAIL_ERROR, field="email")
    if services.CHAT_STARTS.blocked(request):
        return problem("You have started several chats in the last hour. Please call us instead.", status=429)
    try:
        chat, token = services.start_chat(email)
    except services.ChatError as error:
        return problem(str(error), status=409)
    services.CHAT_STARTS.record(request)
    return no_store(
        JsonResponse({"token": token, **services.reader_state(chat), "urgent_line": services.URGENT_LINE}, status=201)
    )


@csrf_exempt
@require_GET
def poll(request):
    """The state and the messages after ?after=<id>: what a page without WebSockets asks every couple of seconds."""
    chat = reader_chat(request)
    if chat is None:
        return problem("We could not find that chat", status=404)
    try:
        after = max(0, int(request.GET.get("after", "0")))
    except ValueError:
        return problem("after must be a message id")
    messages = [services.message_json(m) for m in services.messages_after(chat.pk, after)]
    return no_store(JsonResponse({"state": services.reader_state(chat), "messages": messages}))


@csrf_exempt
@require_POST
@sensitive_post_parameters()
@sensitive_variables("data")
def send(request):
    chat = reader_chat(request)
    if chat is None:
        return problem("We could not find that chat", status=404)
    data = read_json(request)
    if data is None:
        return problem("That was not a request we understand")
    try:
        message, created = services.post(chat, ChatMessage.Sender.READER, data.get("body"), data.get("client_id", ""))
    except services.ChatError as error:
        return problem(str(error), field="body")
    return no_store(JsonResponse({"id": message.pk, "client_id": message.client_id}, status=201 if created else 200))


@csrf_exempt
@require_POST
def typing(request):
    chat = reader_chat(request)
    if chat is None:
        return problem("We could not find that chat", status=404)
    if chat.is_open:
        services.typing(chat, ChatMessage.Sender.READER)
    return no_store(HttpResponse(status=204))


@csrf_exempt
@require_POST
def leave(request):
    chat = reader_chat(request)
    if chat is None:
        return problem("We could not find that chat", status=404)
    services.end(chat, Chat.Outcome.READER_LEFT)
    return no_store(JsonResponse({"state": services.reader_state(chat)}))


@csrf_exempt
@require_GET
def transcript(request):
    chat = reader_chat(request)
    if chat is None:
        return problem("We could not find that chat", status=404)
    response = HttpResponse(services.transcript_text(chat), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="chat-{chat.reference}.txt"'
    return no_store(response)


@csrf_exempt
@require_POST
@sensitive_post_parameters()
@sensitive_variables("data", "email")
def email_transcript(request):
    chat = reader_chat(request)
    if chat is None:
        return problem("We could not find that chat", status=404)
    data = read_json(request)
    if data is None:
        return problem("That was not a request we understand")
    try:
        email = clean_email(data.get("email"))
    except ValidationError:
        email = None
    if not email:
        return problem(EMAIL_ERROR, field="email")
    chat.email = email
    chat.save(update_fields=["email", "email_hash"])
    tasks.email_transcript.enqueue(chat.pk)
    return no_store(JsonResponse({"sent": True}, status=202))
