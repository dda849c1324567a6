"""The live chat's WebSockets: one for a reader's chat, one for a nurse's console.

Frames are JSON. A reader's first frame is {"type": "hello", "token": ..., "after": <last message id seen>}: the
token never goes in the URL, so it is in no access log. Then {"type": "message", "body": ..., "client_id": ...}
and {"type": "typing"}. A message is stored first, then acknowledged ({"type": "ack", "client_id", "id"}).

Notices between processes (services.notify) carry ids only: on each one, a connection reads from the database the
messages after the last id it sent on, so its client gets each message once and in order, however the notices
arrive. A client that reconnects says which id it saw last and gets what it missed.

A channel-layer call (join, leave, notice) that fails or hangs closes the socket with LAYER_DOWN_CLOSE_CODE: the client
reconnects, joins its groups again and catches up by id (services.within_layer_timeout).
"""

import asyncio
import contextlib
import json
import logging
from concurrent.futures import ThreadPoolExecutor

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings

from . import services
from .models import Chat, ChatMessage

MAX_FRAME = 16_000  # characters: a message of CHAT_MAX_MESSAGE_LENGTH in JSON, with room to spare
LAYER_DOWN_CLOSE_CODE = 4503  # the channel layer failed: reconnect (daphne sends only 1000 and 3000-4999)

logger = logging.getLogger("cancerinfo.chat")


# The sockets' trips to the database run on a small pool of threads, not on channels' one shared thread: a trip that
# waits (for SQLite's write lock, or for PostgreSQL over the network) no longer holds up every other chat in the
# process. A socket still handles one frame or notice at a time, so each connection's messages stay in order.
DATABASE_THREADS = ThreadPoolExecutor(max_workers=settings.CHAT_DATABASE_THREADS, thread_name_prefix="chat-database")


def in_database_thread(function):
    """database_sync_to_async on the chat's pool: old connections closed before and after, as channels does."""
    return database_sync_to_async(function, thread_sensitive=False, executor=DATABASE_THREADS)


def _load(text_data) -> dict | None:
    if not isinstance(text_data, str) or len(text_data) > MAX_FRAME:
        return None
    try:
        data = json.loads(text_data)
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def _int(value, default=0) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return default


class ChatSocket(AsyncWebsocketConsumer):
    """What both sockets share: sending messages on after the last id, replying with errors, and closing when the
    channel layer fails."""

    layer_down = False  # a channel-layer call failed: the socket is closing, and handles nothing more

    async def dispatch(self, message):
        """As channels' own, without its trip to a thread to close old database connections before every frame and
        every notice: each database call here goes through in_database_thread, which does that in its own trip.
        (The extra trip was most of what a notice cost, even one that needs no read.)

        A channel-layer call that fails or times out closes the socket, so the client reconnects and catches up. Left
        to end the consumer, the error would leave the socket open and silent: after a Redis restart, channels' clean-up
        can wait for good on the layer's cancelled receive, so daphne never hears that the consumer ended."""
        if self.layer_down and message["type"] != "websocket.disconnect":
            return
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        try:
            await handler(message)
        except services.ChannelLayerDown as problem:  # one line, no traceback: a Redis restart closes many sockets
            logger.warning("Closing a chat socket: the channel layer failed (%s)", problem)
            self.layer_down = True
            await self.close(code=LAYER_DOWN_CLOSE_CODE)

    async def join(self, group: str) -> None:
        await services.within_layer_timeout(self.channel_layer.group_add, group, self.channel_name)

    async def leave(self, group: str) -> None:
        await services.within_layer_timeout(self.channel_layer.group_discard, group, self.channel_name)

    async def leave_all(self, groups) -> None:
        """On disconnect: leave every group at once, giving up quietly (a group's membership expires in Redis)."""
        with contextlib.suppress(services.ChannelLayerDown):
            await services.within_layer_timeout(
                lambda: asyncio.gather(
                    *(self.channel_layer.group_discard(group, self.channel_name) for group in groups)
                )
            )

    async def send_json(self, data: dict) -> None:
        await self.send(text_data=json.dumps(data))

    async def error(self, message: str, client_id: str = "") -> None:
        await self.send_json({"type": "error", "message": message, "client_id": client_id})

    async def forward_messages(self, chat_id: int, upto: int | None = None) -> None:
        """Send on the chat's messages after the last one sent. `upto`, from a notice, is the newest message it
        announces: when that one has been sent on already (the sender's own connection, a notice repeated or late),
        there is nothing to read."""
        if upto is not None and upto <= self.last_sent.get(chat_id, 0):
            return
        after = self.last_sent.get(chat_id, 0)
        await self.send_messages(chat_id, await in_database_thread(services.messages_after)(chat_id, after))

    async def post(self, chat_id: int, sender: str, data: dict, author=None, ack: dict | None = None) -> None:
        """A message from this socket's client: stored, acknowledged, then sent on with anything else the client has
        not had, then announced to the chat's other connections. ChatGone is the caller's to handle."""
        client_id = services.clean_client_id(data.get("client_id"))
        after = self.last_sent.get(chat_id, 0)
        try:
            message, unsent, notice = await in_database_thread(services.post_and_read)(
                chat_id, sender, data.get("body"), client_id, after, author
            )
        except services.ChatGone:
            raise
        except services.ChatError as problem:
            return await self.error(str(problem), client_id)
        await self.send_json({"type": "ack", **(ack or {}), "client_id": client_id, "id": message.pk})
        await self.send_messages(chat_id, unsent)
        if notice:
            await services.announce(*notice)

    async def send_messages(self, chat_id: int, messages) -> None:
        for message in messages:
            if message.pk > self.last_sent.get(chat_id, 0):
                self.last_sent[chat_id] = message.pk
                await self.send_json({"type": "message", **services.message_json(message)})


class ReaderConsumer(ChatSocket):
    chat_id: int | None = None

    async def connect(self):
        self.last_sent: dict[int, int] = {}
        self.chat_id = None
        self.in_queue = False
        await self.accept()

    async def disconnect(self, code):
        groups = [services.chat_group(self.chat_id)] if self.chat_id is not None else []
        if self.in_queue:
            self.in_queue = False
            groups.append(services.QUEUE_GROUP)
        await self.leave_all(groups)

    async def leave_queue(self):
        """Only a waiting reader hears about the queue: once a nurse has the chat, a queue change is not theirs to
        hear (each notice costs every listener a few queries)."""
        if self.in_queue:
            self.in_queue = False
            await self.leave(services.QUEUE_GROUP)

    async def receive(self, text_data=None, bytes_data=None):
        data = _load(text_data)
        if data is None:
            return await self.error("That was not a message we understand")
        kind = data.get("type")
        if self.chat_id is None:
            if kind != "hello":
                return await self.error("Say hello with your chat's token first")
            return await self.hello(data)
        if kind == "message":
            try:
                return await self.post(self.chat_id, ChatMessage.Sender.READER, data)
            except services.ChatGone:
                return await self.close(code=4404)
        chat = await in_database_thread(Chat.objects.filter(pk=self.chat_id).first)()
        if chat is None:
            return await self.close(code=4404)
        if kind == "typing":
            if chat.is_open:
                await in_database_thread(services.typing)(chat, ChatMessage.Sender.READER)
        elif kind == "resume":
            await self.forward_messages(self.chat_id)
        elif kind == "ping":
            # The page pings every 10 s; each ping also sends on what a lost notice left unsent (as the console's).
            await self.send_json({"type": "pong"})
            await self.forward_messages(self.chat_id)

    async def hello(self, data):
        chat = await in_database_thread(services.chat_for_token)(data.get("token"))
        if chat is None:
            await self.error("We could not find that chat")
            return await self.close(code=4404)
        self.chat_id = chat.pk
        self.last_sent[chat.pk] = _int(data.get("after"))
        # Join first, then catch up: a message stored in between is both read and announced, and sent once.
        await self.join(services.chat_group(chat.pk))
        if chat.status == Chat.Status.WAITING:
            self.in_queue = True
            await self.join(services.QUEUE_GROUP)
        await self.send_state(chat)
        await self.forward_messages(chat.pk)

    async def send_state(self, chat=None):
        if chat is None:
            chat = await in_database_thread(Chat.objects.filter(pk=self.chat_id).first)()
            if chat is None:
                return
        state = await in_database_thread(services.reader_state)(chat)
        await self.send_json({"type": "state", **state})
        if chat.status != Chat.Status.WAITING:
            await self.leave_queue()

    async def chat_event(self, event):
        kind = event.get("kind")
        if kind == "messages":
            await self.forward_messages(self.chat_id, event.get("upto"))
        elif kind == "typing":
            if event.get("sender") == ChatMessage.Sender.NURSE:
                await self.send_json({"type": "typing", "sender": "nurse"})
        elif kind == "state":
            await self.send_state()


class NurseConsumer(ChatSocket):
    """A nurse's console: the queue, and every chat the nurse holds. Needs the Nurses role and a session that gave the
    second factor; anyone else is refused before the socket opens."""

    async def connect(self):
        self.user = self.scope.get("user")
        session = self.scope.get("session")
        allowed = await in_database_thread(services.may_use_console)(self.user, session)
        if not allowed:
            return await self.close(code=4403)
        self.last_sent: dict[int, int] = {}
        self.held: set[int] = set()
        await self.accept()
        await self.join(services.NURSES_CHANNEL_GROUP)
        await self.join(services.nurse_group(self.user.pk))
        await in_database_thread(services.seen_console)(self.user)
        for chat_id in await in_database_thread(self.my_chat_ids)():
            await self.hold(chat_id)
        await self.send_queue()

    def my_chat_ids(self) -> list[int]:
        return list(services.my_chats(self.user).values_list("pk", flat=True))

    async def hold(self, chat_id: int, after: int | None = None) -> None:
        if chat_id not in self.held:
            self.held.add(chat_id)
            await self.join(services.chat_group(chat_id))
        if after is not None:
            self.last_sent[chat_id] = after
        reference = await in_database_thread(
            lambda: Chat.objects.filter(pk=chat_id).values_list("reference", flat=True).first()
        )()
        await self.send_json({"type": "assigned", "chat": chat_id, "reference": reference})
        await self.forward_messages(chat_id)

    async def catch_up(self) -> None:
        held = {chat_id: self.last_sent.get(chat_id, 0) for chat_id in self.held}
        unsent = await in_database_thread(services.messages_after_each)(held)
        for chat_id in held:
            await self.send_messages(chat_id, [message for message in unsent if message.chat_id == chat_id])

    async def release(self, chat_id: int) -> None:
        self.held.discard(chat_id)
        await self.leave(services.chat_group(chat_id))
        await self.send_json({"type": "released", "chat": chat_id})

    async def disconnect(self, code):
        if not hasattr(self, "held"):
            return
        groups = [services.chat_group(chat_id) for chat_id in self.held]
        await self.leave_all([*groups, services.NURSES_CHANNEL_GROUP, services.nurse_group(self.user.pk)])

    async def send_queue(self):
        def queue():
            return [
                {"id": chat.pk, "reference": chat.reference, "waiting_since": chat.created_at.isoformat()}
                for chat in services.waiting_chats()
            ]

        await self.send_json({"type": "queue", "waiting": await in_database_thread(queue)()})

    async def receive(self, text_data=None, bytes_data=None):
        data = _load(text_data)
        if data is None:
            return await self.error("That was not a message we understand")
        kind = data.get("type")
        chat_id = _int(data.get("chat"))
        if kind == "ping":
            # The console pings every 5 s; each ping also sends on what a lost notice left unsent (the channel
            # layer's Redis restarted, say), so nothing stored waits longer than that. One query for every chat held.
            await in_database_thread(services.seen_console)(self.user)
            await self.send_json({"type": "pong"})
            return await self.catch_up()
        if kind == "resume":
            # After a reconnect: {"type": "resume", "chat": id, "after": last id seen}, for a chat the nurse holds.
            if chat_id in self.held:
                self.last_sent[chat_id] = _int(data.get("after"))
                await self.forward_messages(chat_id)
            return
        if chat_id not in self.held:
            return await self.error("That chat is not one of yours", services.clean_client_id(data.get("client_id")))
        if kind == "message":
            await self.post(chat_id, ChatMessage.Sender.NURSE, data, self.user, ack={"chat": chat_id})
        elif kind == "typing":
            try:
                chat = await in_database_thread(services.held_chat)(chat_id, self.user)
            except services.ChatError as problem:
                return await self.error(str(problem))
            await in_database_thread(services.typing)(chat, ChatMessage.Sender.NURSE)

    async def chat_event(self, event):
        kind = event.get("kind")
        chat_id = _int(event.get("chat"))
        if kind == "messages" and chat_id in self.held:
            await self.forward_messages(chat_id, event.get("upto"))
        elif kind == "typing" and chat_id in self.held and event.get("sender") == ChatMessage.Sender.READER:
            await self.send_json({"type": "typing", "chat": chat_id, "sender": "reader"})
        elif kind == "queue":
            await self.send_queue()
        elif kind == "assigned":
            await self.hold(chat_id)
        elif kind == "released":
            if chat_id in self.held:
                await self.forward_messages(chat_id)
                await self.release(chat_id)
        elif kind == "state" and chat_id in self.held:
            await self.send_json({"type": "state", "chat": chat_id})
