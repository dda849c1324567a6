"""The WebSockets, end to end in one process (channels' WebsocketCommunicator, the in-memory channel layer): a
reader and a nurse exchange messages, each stored before it is acknowledged, shown once, caught up after a
reconnect; the console refuses anyone without the Nurses role and the second factor."""

import asyncio
from concurrent.futures import ThreadPoolExecutor

import channels.consumer
import pytest
from channels.auth import AuthMiddlewareStack
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator
from django.test import Client

from cancerinfo.chat import services
from cancerinfo.chat.consumers import LAYER_DOWN_CLOSE_CODE, ReaderConsumer
from cancerinfo.chat.models import ChatMessage
from cancerinfo.chat.routing import websocket_urlpatterns

from .conftest import CANARY, password_only_session

pytestmark = pytest.mark.django_db(transaction=True)

application = AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
TIMEOUT = 3


def run(scenario):
    """Run an async scenario in a thread of its own: after a browser test, Playwright's event loop is running in this
    thread for the rest of the session, and asgiref refuses to start another one here."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, scenario()).result()


def session_cookie(user) -> list[tuple[bytes, bytes]]:
    client = Client()
    client.force_login(user)  # with the second factor (cancerinfo/conftest.py)
    return [(b"cookie", f"sessionid={client.cookies['sessionid'].value}".encode())]


async def receive_until(communicator, kind: str, **match) -> dict:
    while True:
        data = await communicator.receive_json_from(timeout=TIMEOUT)
        if data.get("type") == kind and all(data.get(k) == v for k, v in match.items()):
            return data


async def drain(communicator, quiet: float = 0.5) -> list[dict]:
    """Every frame until the socket has been quiet for `quiet` seconds."""
    frames = []
    while not await communicator.receive_nothing(timeout=quiet):  # a timed-out receive would end the consumer
        frames.append(await communicator.receive_json_from(timeout=TIMEOUT))
    return frames


async def reader_socket(token, after=0):
    communicator = WebsocketCommunicator(application, "/chat/ws/reader/")
    connected, _ = await communicator.connect()
    assert connected
    await communicator.send_json_to({"type": "hello", "token": token, "after": after})
    return communicator


def test_reader_and_nurse_exchange_messages_each_stored_before_it_is_acknowledged(chat, nurse):
    services.pick_up(chat.pk, nurse)
    headers = session_cookie(nurse)

    async def scenario():
        reader = await reader_socket(chat.token)
        state = await receive_until(reader, "state")
        assert state["status"] == "active" and state["reference"] == chat.reference
        console = WebsocketCommunicator(application, "/chat/ws/nurse/", headers=headers)
        connected, _ = await console.connect()
        assert connected
        await receive_until(console, "assigned", chat=chat.pk)

        await reader.send_json_to({"type": "message", "body": CANARY, "client_id": "r-1"})
        ack = await receive_until(reader, "ack", client_id="r-1")
        stored = await database_sync_to_async(ChatMessage.objects.get)(pk=ack["id"])
        assert stored.body == CANARY and stored.sender == "reader"
        seen_by_nurse = await receive_until(console, "message", client_id="r-1")
        assert seen_by_nurse["body"] == CANARY and seen_by_nurse["chat"] == chat.pk

        await console.send_json_to({"type": "typing", "chat": chat.pk})
        assert (await receive_until(reader, "typing"))["sender"] == "nurse"

        await console.send_json_to({"type": "message", "chat": chat.pk, "body": "I can help.", "client_id": "n-1"})
        await receive_until(console, "ack", client_id="n-1")
        reply = await receive_until(reader, "message", client_id="n-1")
        assert reply["sender"] == "nurse" and reply["body"] == "I can help."
        await reader.disconnect()
        await console.disconnect()

    run(scenario)


def test_a_message_sent_again_after_a_dropped_connection_is_stored_and_shown_once(chat):
    async def scenario():
        reader = await reader_socket(chat.token)
        await receive_until(reader, "state")
        await reader.send_json_to({"type": "message", "body": "Once only", "client_id": "same"})
        first = await receive_until(reader, "ack", client_id="same")
        await reader.disconnect()

        # The page never saw the ack: it reconnects, from the last id it showed, and sends again.
        again = await reader_socket(chat.token, after=0)
        await again.send_json_to({"type": "message", "body": "Once only", "client_id": "same"})
        frames = await drain(again)
        acks = [f for f in frames if f["type"] == "ack"]
        assert [a["id"] for a in acks] == [first["id"]]
        shown = [f["id"] for f in frames if f["type"] == "message" and f["sender"] == "reader"]
        assert shown == [first["id"]]
        await again.disconnect()

    run(scenario)
    assert ChatMessage.objects.filter(chat=chat, sender="reader").count() == 1


def test_a_reconnecting_reader_gets_only_what_it_missed(chat, nurse):
    services.pick_up(chat.pk, nurse)
    seen = services.post(chat, "nurse", "First", author=nurse)[0]
    missed = services.post(chat, "nurse", "Second", author=nurse)[0]

    async def scenario():
        reader = await reader_socket(chat.token, after=seen.pk)
        got = [frame["id"] for frame in await drain(reader) if frame["type"] == "message"]
        await reader.disconnect()
        return got

    assert run(scenario) == [missed.pk]


def test_a_console_ping_sends_on_what_a_lost_notice_left_unsent(chat, nurse):
    """The channel layer's Redis restarted and the notice of a reader's message was lost: the console's next ping
    (every 5 s) still brings it."""
    services.pick_up(chat.pk, nurse)
    headers = session_cookie(nurse)

    async def scenario():
        console = WebsocketCommunicator(application, "/chat/ws/nurse/", headers=headers)
        connected, _ = await console.connect()
        assert connected
        await drain(console)
        unannounced = await database_sync_to_async(services.post)(chat, "reader", "Anyone there?", "r-7", tell=False)
        assert await console.receive_nothing(timeout=0.3)  # no notice came
        await console.send_json_to({"type": "ping"})
        await receive_until(console, "pong")
        sent_on = await receive_until(console, "message", chat=chat.pk)
        assert sent_on["id"] == unannounced[0].pk and sent_on["body"] == "Anyone there?"
        await console.send_json_to({"type": "ping"})  # sent on once: the next ping brings nothing more
        await receive_until(console, "pong")
        assert await console.receive_nothing(timeout=0.3)
        await console.disconnect()

    run(scenario)


def test_a_reader_ping_sends_on_what_a_lost_notice_left_unsent(chat, nurse):
    services.pick_up(chat.pk, nurse)

    async def scenario():
        reader = await reader_socket(chat.token)
        await drain(reader)
        answer, _ = await database_sync_to_async(services.post)(chat, "nurse", "Yes, I am here", "n-7", nurse, False)
        assert await reader.receive_nothing(timeout=0.3)  # no notice came
        await reader.send_json_to({"type": "ping"})
        await receive_until(reader, "pong")
        sent_on = await receive_until(reader, "message")
        assert sent_on["id"] == answer.pk and sent_on["body"] == "Yes, I am here"
        await reader.disconnect()

    run(scenario)


def test_a_reader_without_the_right_token_gets_nothing(chat):
    services.post(chat, "reader", CANARY)

    async def scenario():
        reader = await reader_socket("x" * 43)
        error = await reader.receive_json_from(timeout=TIMEOUT)
        assert error["type"] == "error"
        assert (await reader.receive_output(timeout=TIMEOUT))["type"] == "websocket.close"

        # Nothing before hello either: a message to nobody's chat is refused.
        other = WebsocketCommunicator(application, "/chat/ws/reader/")
        await other.connect()
        await other.send_json_to({"type": "message", "body": "hi", "client_id": "x"})
        assert (await other.receive_json_from(timeout=TIMEOUT))["type"] == "error"
        await other.disconnect()

    run(scenario)
    assert ChatMessage.objects.filter(sender="reader").count() == 1


def test_the_console_socket_needs_the_nurses_role(editor):
    headers = session_cookie(editor)

    async def scenario():
        anonymous = WebsocketCommunicator(application, "/chat/ws/nurse/")
        assert (await anonymous.connect())[0] is False
        not_a_nurse = WebsocketCommunicator(application, "/chat/ws/nurse/", headers=headers)
        assert (await not_a_nurse.connect())[0] is False

    run(scenario)


def test_the_console_socket_needs_the_second_factor(nurse):
    headers = [(b"cookie", f"sessionid={password_only_session(nurse)}".encode())]

    async def scenario():
        console = WebsocketCommunicator(application, "/chat/ws/nurse/", headers=headers)
        assert (await console.connect())[0] is False

    run(scenario)


def test_a_nurse_cannot_write_into_a_chat_they_do_not_hold(chat, nurse, second_nurse):
    services.pick_up(chat.pk, nurse)
    headers = session_cookie(second_nurse)

    async def scenario():
        console = WebsocketCommunicator(application, "/chat/ws/nurse/", headers=headers)
        assert (await console.connect())[0]
        await console.send_json_to({"type": "message", "chat": chat.pk, "body": "Hijack", "client_id": "h"})
        assert (await receive_until(console, "error"))["message"] == "That chat is not one of yours"
        await console.disconnect()

    run(scenario)
    assert not ChatMessage.objects.filter(body="Hijack").exists()


def test_the_console_hears_of_new_chats_and_of_chats_passed_to_it(helpline_open, nurse, second_nurse):
    headers = session_cookie(second_nurse)

    async def scenario():
        console = WebsocketCommunicator(application, "/chat/ws/nurse/", headers=headers)
        assert (await console.connect())[0]
        assert (await receive_until(console, "queue"))["waiting"] == []
        chat, _token = await database_sync_to_async(services.start_chat)()
        queue = await receive_until(console, "queue")
        assert [c["reference"] for c in queue["waiting"]] == [chat.reference]
        await database_sync_to_async(services.pick_up)(chat.pk, nurse)
        await database_sync_to_async(services.transfer)(chat, nurse, second_nurse)
        assigned = await receive_until(console, "assigned", chat=chat.pk)
        assert assigned["reference"] == chat.reference
        history = await receive_until(console, "message", chat=chat.pk)
        assert history["sender"] == "system"
        await console.disconnect()

    run(scenario)


def test_a_notice_for_a_message_already_sent_on_reads_nothing(monkeypatch):
    """The sender's own connection hears the notice of its own message, which it sent on with the acknowledgement:
    no read for it. A notice of a newer message is read."""
    reads = []
    monkeypatch.setattr(services, "messages_after", lambda chat_id, after: reads.append((chat_id, after)) or [])
    trips = []

    async def close_old_connections_in_a_thread():
        trips.append(1)

    monkeypatch.setattr(channels.consumer, "aclose_old_connections", close_old_connections_in_a_thread)
    consumer = ReaderConsumer()
    consumer.last_sent = {7: 12}
    consumer.chat_id = 7

    async def scenario():
        # Through the consumer's dispatch, as the channel layer delivers it: no trip to a thread at all.
        await consumer.dispatch({"type": "chat.event", "kind": "messages", "chat": 7, "upto": 12})
        assert trips == []
        await consumer.forward_messages(7, upto=12)
        await consumer.forward_messages(7, upto=11)
        assert reads == []
        await consumer.forward_messages(7, upto=13)
        await consumer.forward_messages(7)  # a reconnect's "resume" always reads
        assert reads == [(7, 12), (7, 12)]

    run(scenario)


# --- A channel layer that hangs (its Redis restarted, a call waits on a dead connection) ------------------------------


async def hang(*args, **kwargs):
    await asyncio.sleep(3600)


@pytest.fixture
def hanging_layer(monkeypatch):
    """Returns hang_on(name): from then on, the channel layer's method of that name never returns. The timeout is
    tiny, so a test that passes does not wait for it; one that hangs fails on receive_until's TIMEOUT."""
    monkeypatch.setattr(services, "CHANNEL_LAYER_TIMEOUT_SECONDS", 0.2)
    layer = get_channel_layer()
    return lambda name: monkeypatch.setattr(layer, name, hang)


async def closed_with(communicator) -> int:
    """The close code, skipping any frames before it; fails when the socket stays open (the consumer hangs)."""
    while True:
        output = await communicator.receive_output(timeout=TIMEOUT)
        if output["type"] == "websocket.close":
            return output.get("code")


def test_a_hanging_notice_closes_the_socket_and_the_message_is_stored_once(chat, nurse, hanging_layer):
    """group_send never returns: the sender still has its acknowledgement, the socket closes so the page reconnects,
    and the message, stored already, is not lost; sent again under the same client id, it is stored once."""
    services.pick_up(chat.pk, nurse)

    async def scenario():
        reader = await reader_socket(chat.token)
        await receive_until(reader, "state")
        hanging_layer("group_send")
        await reader.send_json_to({"type": "message", "body": "Still there?", "client_id": "r-hang"})
        ack = await receive_until(reader, "ack", client_id="r-hang")
        assert await closed_with(reader) == LAYER_DOWN_CLOSE_CODE
        await reader.disconnect()

        again = await reader_socket(chat.token, after=0)
        await again.send_json_to({"type": "message", "body": "Still there?", "client_id": "r-hang"})
        assert (await receive_until(again, "ack", client_id="r-hang"))["id"] == ack["id"]
        await again.disconnect()
        return ack["id"]

    stored = run(scenario)
    assert list(ChatMessage.objects.filter(chat=chat, sender="reader").values_list("pk", "body")) == [
        (stored, "Still there?")
    ]


def test_a_hanging_join_closes_the_socket_instead_of_hanging(chat, nurse, hanging_layer):
    """group_add never returns, for a reader's hello or a console's connect: the socket closes (the client
    reconnects) rather than staying open and deaf."""
    services.pick_up(chat.pk, nurse)
    headers = session_cookie(nurse)
    hanging_layer("group_add")
    hanging_layer("group_discard")

    async def scenario():
        reader = await reader_socket(chat.token)
        assert await closed_with(reader) == LAYER_DOWN_CLOSE_CODE
        await reader.disconnect()
        console = WebsocketCommunicator(application, "/chat/ws/nurse/", headers=headers)
        assert (await console.connect())[0]
        assert await closed_with(console) == LAYER_DOWN_CLOSE_CODE
        await console.disconnect()

    run(scenario)
