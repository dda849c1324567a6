"""What happens in a live chat: opening hours, the queue, messages, the nurses' actions, transcripts, retention.

Rules every function here keeps (as in enquiries/services.py): the text of a message never goes into a log line, a
cache key or value, the channel layer, a URL or an exception message. Log lines and audit entries carry references.

Every message is written to the database before anyone is told about it: the sender's acknowledgement and the
"new message" notice to the other side both come after the row is committed. The notice carries ids only; each
connection reads the text itself, after the last message id it has sent on (so nothing is sent twice or missed,
whether the notice arrives, arrives late or is lost with a restarted Redis).
"""

import asyncio
import datetime
import logging
import secrets
import unicodedata
from dataclasses import dataclass

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Avg, F, Q
from django.utils import timezone
from django.views.decorators.debug import sensitive_variables
from redis.exceptions import RedisError

from cancerinfo.delivery import versions
from cancerinfo.delivery.throttle import Throttle
from cancerinfo.enquiries.interface import contact_links, receive_question_from_chat
from cancerinfo.helpline.interface import status_at

from .models import Chat, ChatAuditEntry, ChatMessage, ChatSwitch, NursePresence, token_hash

logger = logging.getLogger("cancerinfo.chat")

CONSENT_WORDING_VERSION = "chat-2026-12-v1"
SWITCH_VERSION = "chat-switch"
NURSES_GROUP = "Nurses"
QUEUE_GROUP = "chat-queue"  # every waiting reader's connection: their place in the queue moved
NURSES_CHANNEL_GROUP = "chat-nurses"  # every nurse console: the queue changed
TYPING_SECONDS = 6  # a typing indicator older than this is stale
PRESENCE_SECONDS = 120  # a console not heard from for this long is off duty
URGENT_LINE = "If you need urgent help, call 999 or NHS 111."
EMERGENCY_MESSAGE = (
    "Your nurse is worried about your safety. If you are in danger or seriously ill now, call 999. "
    "For urgent medical help that is not an emergency, call NHS 111 or go to nhs.uk/111. "
    "If you are thinking about harming yourself, you can call Samaritans free on 116 123, any time."
)
CHAT_STARTS = Throttle("chat-start", "CHAT_STARTS_PER_HOUR")


class ChatError(ValueError):
    """Something a person asked for that cannot be done, with a message fit to show them."""


class ChatGone(ChatError):
    """The chat is no longer there (deleted by staff): its connections close."""


# --- Audit ---------------------------------------------------------------------------------------------------------


def audit(action: str, reference: str = "", actor=None, detail: str = "") -> ChatAuditEntry:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return ChatAuditEntry.objects.create(
        action=action,
        reference=reference,
        actor=user,
        actor_name=user.get_username() if user else "system",
        detail=detail[:255],
    )


# --- Who may read chats ---------------------------------------------------------------------------------------------


def is_nurse(user) -> bool:
    """The Nurses role, as for the enquiries' inbox: a group holding enquiries.handle_enquiries. A superuser outside
    the group is not let in (docs/decisions/nurse-inbox-access.md)."""
    if not (user and getattr(user, "is_authenticated", False) and user.is_active):
        return False
    return user.groups.filter(
        permissions__codename="handle_enquiries", permissions__content_type__app_label="enquiries"
    ).exists()


def second_factor_passed(user, session) -> bool:
    """Whether this session gave the second factor (django-otp's device id in the session, belonging to the user
    and confirmed), as django-otp's OTPMiddleware decides it. WebSocket connections have no OTP middleware: the
    consoles' sockets ask this themselves.

    Only reads the device: no token is checked here, so no row lock (django-otp's for_verify=True takes one with
    select_for_update, which PostgreSQL refuses outside a transaction and which would queue every console behind
    the others for nothing)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.models import Device

    persistent_id = session.get(DEVICE_ID_SESSION_KEY) if session is not None else None
    if not persistent_id:
        return False
    device = Device.from_persistent_id(persistent_id)
    return device is not None and device.user_id == user.pk and device.confirmed


def may_use_console(user, session) -> bool:
    return is_nurse(user) and second_factor_passed(user, session)


# --- Availability --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Availability:
    open: bool  # a reader may start a chat now
    helpline_open: bool
    accepting: bool  # the nurses' switch
    text: str


def accepting() -> bool:
    """The nurses' switch, kept in each process until it is changed (no query per page)."""

    def load() -> bool:
        switch = ChatSwitch.objects.first()
        return True if switch is None else switch.accepting

    return versions.table("chat-switch", [SWITCH_VERSION], load)


def set_accepting(on: bool, user) -> None:
    switch = ChatSwitch.objects.first() or ChatSwitch()
    switch.accepting = on
    switch.changed_at = timezone.now()
    switch.changed_by = user.get_username() if user else ""
    switch.save()
    audit(ChatAuditEntry.Action.SWITCH, "", user, detail="Chat switched on" if on else "Chat switched off")
    versions.bump(SWITCH_VERSION)


def availability(now: datetime.datetime | None = None) -> Availability:
    status = status_at(now)
    on = accepting()
    if status.is_open and on:
        text = "Our nurses are online now."
    elif status.is_open:
        text = "Live chat is closed at the moment. You can call us or ask a nurse by e-mail."
    else:
        text = f"Live chat is open when our helpline is. {status.text}."
    return Availability(open=status.is_open and on, helpline_open=status.is_open, accepting=on, text=text)


def ask_a_nurse_url() -> str | None:
    links = contact_links()
    return links.ask_a_nurse_url if links else None


def reply_days() -> int:
    return settings.ENQUIRY_REPLY_WORKING_DAYS


# --- Text ------------------------------------------------------------------------------------------------------------


@sensitive_variables("body")
def clean_body(body) -> str:
    """A message as people type it: control characters (NUL included) removed except new lines and tabs, at most
    CHAT_MAX_MESSAGE_LENGTH characters. Raises ChatError for an empty or over-long message."""
    if not isinstance(body, str):
        raise ChatError("Type a message")
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    body = "".join(ch for ch in body if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs", "Co", "Cn"))
    body = body.strip()
    if not body:
        raise ChatError("Type a message")
    limit = settings.CHAT_MAX_MESSAGE_LENGTH
    if len(body) > limit:
        raise ChatError(f"A message must be {limit} characters or fewer: split it into two")
    return body


def clean_client_id(value) -> str:
    value = value if isinstance(value, str) else ""
    return value if len(value) <= 40 and all(ch.isalnum() or ch in "-_" for ch in value) else ""


# --- Telling the connections --------------------------------------------------------------------------------------


def chat_group(chat_id: int) -> str:
    return f"chat-{chat_id}"


def nurse_group(user_id: int) -> str:
    return f"chat-nurse-{user_id}"


# Every channel-layer call (join, leave, notice) gives up after this many seconds. After the layer's Redis restarts, a
# call can wait on a dead connection (redis-py's pool, channels-redis's retries) for good; a socket handles one frame at
# a time, so its client would hear nothing more, not even a pong, and never reconnect. Given up, the socket closes
# (consumers.ChatSocket) and the client reconnects and catches up by id.
CHANNEL_LAYER_TIMEOUT_SECONDS = 3


class ChannelLayerDown(Exception):
    """A channel-layer call failed or did not return in CHANNEL_LAYER_TIMEOUT_SECONDS."""


async def within_layer_timeout(call, *args) -> None:
    """await call(*args), a channel-layer method, for CHANNEL_LAYER_TIMEOUT_SECONDS at most. Raises ChannelLayerDown
    when it times out or Redis cannot be reached."""
    try:
        async with asyncio.timeout(CHANNEL_LAYER_TIMEOUT_SECONDS):
            await call(*args)
    except (TimeoutError, OSError, RedisError) as problem:
        raise ChannelLayerDown(f"{type(problem).__name__} {problem}".strip()) from problem


def notify(group: str, event: dict) -> None:
    """Tell every connection in `group`, once the current transaction has committed. Events carry ids and states,
    never text. A channel layer that is down loses the notice, not the message: clients catch up by id."""
    layer = get_channel_layer()
    if layer is None:
        return

    def send():
        try:
            async_to_sync(within_layer_timeout)(layer.group_send, group, {"type": "chat.event", **event})
        except Exception:  # noqa: BLE001 - Redis down, or no loop to send from: clients catch up by id
            logger.warning("Could not notify %s", group, exc_info=True)

    transaction.on_commit(send)


async def announce(group: str, event: dict) -> None:
    """Tell every connection in `group` now: notify() for code already on the event loop, after its transaction (a
    consumer, once its trip to the database has returned), with no hop from the database thread back to the loop.
    Raises ChannelLayerDown (the consumer closes its socket); the message is stored, so nobody misses it: the other
    side's next ping or reconnect sends it on."""
    layer = get_channel_layer()
    if layer is None:
        return
    await within_layer_timeout(layer.group_send, group, {"type": "chat.event", **event})


def new_message_notice(message: ChatMessage) -> tuple[str, dict]:
    """The notice of a new message: ids only. "upto" lets a connection that has sent it on already skip the read."""
    return chat_group(message.chat_id), {"kind": "messages", "chat": message.chat_id, "upto": message.pk}


def notify_queue_changed() -> None:
    notify(QUEUE_GROUP, {"kind": "state"})
    notify(NURSES_CHANNEL_GROUP, {"kind": "queue"})


# --- Starting and finding chats -------------------------------------------------------------------------------------


@sensitive_variables("email")
def start_chat(email: str = "") -> tuple[Chat, str]:
    """A new chat in the queue; the token the reader keeps (only its hash is stored)."""
    if not availability().open:
        raise ChatError("Live chat is closed at the moment")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        chat = Chat.objects.create(
            token_hash=token_hash(token), email=email, consent_wording_version=CONSENT_WORDING_VERSION
        )
        audit(ChatAuditEntry.Action.START, chat.reference, detail="Started on the website")
        notify(NURSES_CHANNEL_GROUP, {"kind": "queue"})
    logger.info("Chat %s started", chat.reference)
    return chat, token


def chat_for_token(token) -> Chat | None:
    if not isinstance(token, str) or not (20 <= len(token) <= 100):
        return None
    return Chat.objects.filter(token_hash=token_hash(token), anonymised_at__isnull=True).first()


def queue_position(chat: Chat) -> int | None:
    if chat.status != Chat.Status.WAITING:
        return None
    return Chat.objects.filter(status=Chat.Status.WAITING, created_at__lte=chat.created_at, pk__lte=chat.pk).count()


def nurses_on_duty(now: datetime.datetime | None = None) -> int:
    since = (now or timezone.now()) - datetime.timedelta(seconds=PRESENCE_SECONDS)
    return NursePresence.objects.filter(last_seen__gte=since).count()


def minutes_per_chat() -> float:
    """How long chats took over the last week, or CHAT_MINUTES_PER_CHAT before there are any."""
    since = timezone.now() - datetime.timedelta(days=7)
    average = (
        Chat.objects.filter(ended_at__gte=since, picked_up_at__isnull=False)
        .annotate(length=F("ended_at") - F("picked_up_at"))
        .aggregate(Avg("length"))["length__avg"]
    )
    if not average:
        return float(settings.CHAT_MINUTES_PER_CHAT)
    return max(1.0, average.total_seconds() / 60)


def wait_estimate(position: int | None, nurses: int | None = None) -> dict | None:
    """An honest estimate: the chats ahead, shared between the nurses on duty, at the usual length of a chat.
    With no nurse at a console we say we cannot tell."""
    if position is None:
        return None
    nurses = nurses_on_duty() if nurses is None else nurses
    if nurses == 0:
        return {"minutes": None, "text": "We cannot say how long: no nurse is free just now."}
    minutes = round((position - 1) / nurses * minutes_per_chat())
    if minutes < 2:
        return {"minutes": minutes, "text": "A nurse should be with you in a minute or two."}
    rounded = 5 * round(minutes / 5) if minutes > 10 else minutes
    return {"minutes": rounded, "text": f"About {rounded} minutes, but it may be more."}


def reader_state(chat: Chat, now: datetime.datetime | None = None) -> dict:
    """What the reader's page shows besides the messages. No text and no nurse's name: only a first name would do,
    and we do not keep one."""
    now = now or timezone.now()
    position = queue_position(chat)
    fresh = now - datetime.timedelta(seconds=TYPING_SECONDS)
    return {
        "reference": chat.reference,
        "status": chat.status,
        "position": position,
        "wait": wait_estimate(position),
        "nurse_typing": bool(chat.nurse_typing_at and chat.nurse_typing_at >= fresh and chat.status == "active"),
        "emergency": chat.emergency_at is not None,
        "enquiry_reference": chat.enquiry_reference,
    }


# --- Messages ------------------------------------------------------------------------------------------------------


def message_json(message: ChatMessage) -> dict:
    return {
        "id": message.pk,
        "chat": message.chat_id,
        "sender": message.sender,
        "body": message.body,
        "sent_at": message.sent_at.isoformat(),
        "client_id": message.client_id,
    }


@sensitive_variables("body")
def post(chat: Chat, sender: str, body, client_id="", author=None, tell=True) -> tuple[ChatMessage, bool]:
    """Store a message, then tell the chat's connections (unless `tell` is false: the caller announces it, see
    post_and_read). The same client_id from the same sender is stored once: (message, False) for a repeat. Raises
    ChatError for an empty or over-long message or a chat that has ended.

    A message costs one insert: a repeat is found by the unique constraint, not by a query before every insert, and
    the sender's typing indicator is cleared only when it is on."""
    body = clean_body(body)
    client_id = clean_client_id(client_id)
    if sender != ChatMessage.Sender.SYSTEM and not chat.is_open:
        existing = _repeat(chat, sender, client_id)
        if existing is None:
            raise ChatError("This chat has ended")
        return existing, False
    try:
        with transaction.atomic():
            message = ChatMessage.objects.create(
                chat=chat, sender=sender, body=body, client_id=client_id, author=author
            )
            typing_field = "reader_typing_at" if sender == ChatMessage.Sender.READER else "nurse_typing_at"
            if sender != ChatMessage.Sender.SYSTEM and getattr(chat, typing_field) is not None:
                Chat.objects.filter(pk=chat.pk).update(**{typing_field: None})
            if tell:
                notify(*new_message_notice(message))
    except IntegrityError:  # a repeat: sent again after a dropped connection, or twice at the same moment
        existing = _repeat(chat, sender, client_id)
        if existing is None:
            raise
        return existing, False
    return message, True


@sensitive_variables("body")
def post_and_read(chat_id: int, sender: str, body, client_id: str, after: int, author=None):
    """What a connection does with a message it is sent, in one trip to the database: find the chat (a nurse's must
    be held by that nurse), store the message, and read the chat's messages after `after`, the last one the
    connection has sent on (its own new message among them). Returns (message, those messages, the notice to
    announce: None for a repeat, announced already)."""
    # Only what post() reads: not the reader's encrypted e-mail address, which every message would decrypt.
    chats = Chat.objects.only("status", "nurse_id", "reader_typing_at", "nurse_typing_at")
    if sender == ChatMessage.Sender.NURSE:
        chat = held_chat(chat_id, author, chats)
    else:
        chat = chats.filter(pk=chat_id).first()
        if chat is None:
            raise ChatGone("We could not find that chat")
    message, created = post(chat, sender, body, client_id, author, tell=False)
    return message, messages_after(chat_id, after), new_message_notice(message) if created else None


def _repeat(chat: Chat, sender: str, client_id: str) -> ChatMessage | None:
    if not client_id:
        return None
    return ChatMessage.objects.filter(chat=chat, sender=sender, client_id=client_id).first()


def messages_after(chat_id: int, after: int = 0, limit: int = 500) -> list[ChatMessage]:
    return list(ChatMessage.objects.filter(chat_id=chat_id, pk__gt=max(0, after)).order_by("pk")[:limit])


def messages_after_each(last_sent: dict[int, int], limit: int = 500) -> list[ChatMessage]:
    """messages_after for several chats in one query: {chat id: the last id sent on} -> what came after, by id."""
    if not last_sent:
        return []
    wanted = Q()
    for chat_id, after in last_sent.items():
        wanted |= Q(chat_id=chat_id, pk__gt=max(0, after))
    return list(ChatMessage.objects.filter(wanted).order_by("pk")[:limit])


def typing(chat: Chat, sender: str) -> None:
    field = "reader_typing_at" if sender == ChatMessage.Sender.READER else "nurse_typing_at"
    Chat.objects.filter(pk=chat.pk).update(**{field: timezone.now()})
    notify(chat_group(chat.pk), {"kind": "typing", "chat": chat.pk, "sender": sender})


def system_message(chat: Chat, text: str) -> ChatMessage:
    return post(chat, ChatMessage.Sender.SYSTEM, text)[0]


# --- The nurses' actions -------------------------------------------------------------------------------------------


def seen_console(user) -> None:
    NursePresence.objects.update_or_create(user=user, defaults={"last_seen": timezone.now()})


def waiting_chats():
    return Chat.objects.filter(status=Chat.Status.WAITING).only("pk", "reference", "created_at", "status")


def my_chats(user):
    return Chat.objects.filter(status=Chat.Status.ACTIVE, nurse=user)


def pick_up(chat_id: int, nurse) -> Chat:
    """Take a waiting chat. Two nurses pressing at once: one gets it, the other is told."""
    now = timezone.now()
    with transaction.atomic():
        taken = Chat.objects.filter(pk=chat_id, status=Chat.Status.WAITING).update(
            status=Chat.Status.ACTIVE, nurse=nurse, picked_up_at=now
        )
        if not taken:
            raise ChatError("Another nurse has picked up that chat, or the reader has left")
        chat = Chat.objects.get(pk=chat_id)
        audit(ChatAuditEntry.Action.PICK_UP, chat.reference, nurse)
        system_message(chat, "A nurse has joined the chat.")
        notify(nurse_group(nurse.pk), {"kind": "assigned", "chat": chat.pk})
        notify_queue_changed()
        notify(chat_group(chat.pk), {"kind": "state", "chat": chat.pk})
    return chat


def held_chat(chat_id, nurse, chats=None) -> Chat:
    """The chat, if `nurse` holds it and it is open; ChatError otherwise. `chats`: a narrower queryset to look in."""
    chat = (Chat.objects.all() if chats is None else chats).filter(pk=chat_id, status=Chat.Status.ACTIVE, nurse=nurse)
    chat = chat.first()
    if chat is None:
        raise ChatError("That chat is not one of yours")
    return chat


def transfer(chat: Chat, from_nurse, to_nurse) -> None:
    if not is_nurse(to_nurse) or to_nurse.pk == from_nurse.pk:
        raise ChatError("Choose another nurse to pass the chat to")
    with transaction.atomic():
        Chat.objects.filter(pk=chat.pk).update(nurse=to_nurse)
        audit(ChatAuditEntry.Action.TRANSFER, chat.reference, from_nurse, detail=f"Passed to {to_nurse.get_username()}")
        system_message(chat, "Another nurse is taking over this chat.")
        notify(nurse_group(from_nurse.pk), {"kind": "released", "chat": chat.pk})
        notify(nurse_group(to_nurse.pk), {"kind": "assigned", "chat": chat.pk})


def other_nurses(user):
    from django.contrib.auth import get_user_model

    since = timezone.now() - datetime.timedelta(seconds=PRESENCE_SECONDS)
    on_duty = NursePresence.objects.filter(last_seen__gte=since).values("user_id")
    return get_user_model().objects.filter(pk__in=on_duty, is_active=True).exclude(pk=user.pk).order_by("username")


def emergency(chat: Chat, nurse) -> None:
    """Show the reader the emergency contacts and flag the chat for a supervisor."""
    with transaction.atomic():
        Chat.objects.filter(pk=chat.pk, emergency_at__isnull=True).update(emergency_at=timezone.now())
        audit(ChatAuditEntry.Action.EMERGENCY, chat.reference, nurse, detail="Emergency contacts shown")
        system_message(chat, EMERGENCY_MESSAGE)
        notify(chat_group(chat.pk), {"kind": "state", "chat": chat.pk})
    logger.warning("Chat %s flagged as an emergency: a supervisor should check it", chat.reference)


def end(chat: Chat, outcome: str, actor=None) -> None:
    if outcome not in Chat.Outcome.values:
        raise ChatError("Choose how the chat ended")
    if not chat.is_open:
        return
    with transaction.atomic():
        was_waiting = chat.status == Chat.Status.WAITING
        Chat.objects.filter(pk=chat.pk).update(status=Chat.Status.ENDED, outcome=outcome, ended_at=timezone.now())
        chat.refresh_from_db()
        audit(ChatAuditEntry.Action.END, chat.reference, actor, detail=chat.get_outcome_display())
        text = "The reader has left the chat." if actor is None else "The nurse has ended the chat."
        system_message(chat, text + " Thank you for talking to us.")
        if chat.nurse_id:
            notify(nurse_group(chat.nurse_id), {"kind": "released", "chat": chat.pk})
        notify(chat_group(chat.pk), {"kind": "state", "chat": chat.pk})
        if was_waiting:
            notify_queue_changed()


def record_view(chat: Chat, user) -> None:
    audit(ChatAuditEntry.Action.VIEW, chat.reference, user)


# --- Transcripts ---------------------------------------------------------------------------------------------------


def transcript_text(chat: Chat) -> str:
    lines = [
        f"Chat with CancerInfo's nurses, reference {chat.reference}",
        f"Started {timezone.localtime(chat.created_at):%d %B %Y, %H:%M}",
        URGENT_LINE,
        "",
    ]
    names = {"reader": "You", "nurse": "Nurse", "system": "CancerInfo"}
    for message in chat.messages.order_by("pk"):
        lines.append(f"[{timezone.localtime(message.sent_at):%H:%M}] {names[message.sender]}: {message.body}")
    return "\n".join(lines) + "\n"


@sensitive_variables("email")
def send_transcript(chat: Chat, email: str) -> None:
    """Queue the transcript to the reader (the mail queue sends it from the worker; its copy is encrypted)."""
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string

    body = render_to_string("chat/email/transcript.txt", {"chat": chat, "transcript": transcript_text(chat)})
    EmailMessage(subject=f"Your chat with our nurses (reference {chat.reference})", body=body, to=[email]).send()
    audit(ChatAuditEntry.Action.TRANSCRIPT, chat.reference, detail="E-mailed at the reader's request")


# --- When the nurses go off duty ------------------------------------------------------------------------------------


def pass_on_waiting(now: datetime.datetime | None = None) -> dict:
    """Chats still waiting when chat is no longer open: with an e-mail address, the reader's messages become a
    question to the nurses (as if sent with the ask-a-nurse form); without, the chat ends and the reader is pointed to
    the form. Either way the reader is told in the chat."""
    summary = {"passed_on": 0, "ended": 0}
    if availability(now).open:
        return summary
    for chat in Chat.objects.filter(status=Chat.Status.WAITING):
        with transaction.atomic():
            if not Chat.objects.filter(pk=chat.pk, status=Chat.Status.WAITING).update(status=Chat.Status.ENDED):
                continue  # picked up meanwhile
            question = "\n\n".join(m.body for m in chat.messages.filter(sender=ChatMessage.Sender.READER))
            if chat.email and question:
                reference = receive_question_from_chat(question, chat.email)
                Chat.objects.filter(pk=chat.pk).update(
                    status=Chat.Status.PASSED_ON, enquiry_reference=reference, ended_at=timezone.now()
                )
                system_message(
                    chat,
                    f"Our nurses have gone off duty before they could reach you. We have passed your message to them "
                    f"as a question (reference {reference}): a nurse will reply by e-mail within {reply_days()} "
                    "working days.",
                )
                audit(ChatAuditEntry.Action.PASS_ON, chat.reference, detail=f"Became question {reference}")
                summary["passed_on"] += 1
            else:
                Chat.objects.filter(pk=chat.pk).update(outcome=Chat.Outcome.OFF_DUTY, ended_at=timezone.now())
                system_message(
                    chat,
                    "Our nurses have gone off duty before they could reach you. Please send your question with our "
                    f"ask-a-nurse form: a nurse replies by e-mail within {reply_days()} working days.",
                )
                audit(ChatAuditEntry.Action.END, chat.reference, detail="Nurses went off duty")
                summary["ended"] += 1
            notify(chat_group(chat.pk), {"kind": "state", "chat": chat.pk})
    return summary


# --- Retention and erasure ------------------------------------------------------------------------------------------


def purge_expired(now: datetime.datetime | None = None, days: int | None = None) -> dict:
    """Ended chats older than CHAT_RETENTION_DAYS lose their messages and e-mail address; the reference, dates,
    outcome and emergency flag stay (for counting), as closed enquiries do."""
    now = now or timezone.now()
    days = settings.CHAT_RETENTION_DAYS if days is None else days
    cutoff = now - datetime.timedelta(days=days)
    expired = Chat.objects.filter(ended_at__lt=cutoff, anonymised_at__isnull=True).only("pk", "reference")
    count = 0
    for chat in expired.iterator():
        with transaction.atomic():
            ChatMessage.objects.filter(chat_id=chat.pk).delete()
            Chat.objects.filter(pk=chat.pk).update(email="", anonymised_at=now)
            audit(ChatAuditEntry.Action.ANONYMISE, chat.reference, detail=f"Retention: ended over {days} days ago")
        count += 1
    return {"anonymised": count, "cutoff": cutoff.isoformat()}


def erase_chat(chat: Chat, actor=None) -> None:
    """Delete a chat and its messages (the reader asked us to)."""
    with transaction.atomic():
        audit(ChatAuditEntry.Action.DELETION, chat.reference, actor, detail="Erased at the person's request")
        chat.delete()


def supervisor_checked(chat: Chat, user) -> None:
    Chat.objects.filter(pk=chat.pk).update(supervisor_checked_at=timezone.now())
    audit(ChatAuditEntry.Action.EMERGENCY, chat.reference, user, detail="Checked by a supervisor")
