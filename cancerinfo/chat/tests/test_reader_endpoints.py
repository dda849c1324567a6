"""The reader's page and the JSON endpoints a page falls back to without WebSockets: start, poll, send, typing,
leave, transcript. A chat is reached only with its token, in a header: guessing ids or references gets nothing."""

import json

import pytest
from django.core import mail

from cancerinfo.chat import services
from cancerinfo.chat.models import Chat, ChatMessage

from .conftest import CANARY

pytestmark = pytest.mark.django_db


def post_json(client, url, data, token=None):
    headers = {"HTTP_X_CHAT_TOKEN": token} if token else {}
    return client.post(url, json.dumps(data), content_type="application/json", **headers)


def test_the_page_offers_the_ask_a_nurse_form_and_the_urgent_help_line_without_javascript(
    client, site_tree, helpline_open
):
    response = client.get("/chat/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "call 999 or NHS 111" in html
    assert "Ask a nurse by e-mail" in html and site_tree["contact-us"].url + "ask-a-nurse/" in html
    assert "data-chat hidden" in html  # the chat itself appears only when the script runs
    assert "no-store" in response["Cache-Control"]


def test_when_closed_the_page_says_so_and_offers_the_form_with_the_reply_time(client, site_tree, helpline_closed):
    html = client.get("/chat/").content.decode()
    assert "Live chat is open when our helpline is" in html
    assert "Ask a nurse by e-mail" in html and "within 3 working days" in html
    assert 'data-open="false"' in html


def test_status_says_whether_chat_is_open(client, helpline_open, nurse):
    assert client.get("/chat/api/status/").json()["open"] is True
    services.set_accepting(False, nurse)
    assert client.get("/chat/api/status/").json()["open"] is False


def test_starting_needs_consent_and_a_valid_email_if_one_is_given(client, helpline_open):
    response = post_json(client, "/chat/api/start/", {"consent": False})
    assert response.status_code == 400 and response.json()["field"] == "consent"
    response = post_json(client, "/chat/api/start/", {"consent": True, "email": "not an address"})
    assert response.status_code == 400 and response.json()["field"] == "email"
    response = post_json(client, "/chat/api/start/", {"consent": True, "email": "a@b.org\r\nBcc: x@y.org"})
    assert response.status_code == 400
    response = client.post("/chat/api/start/", b"\xff\xfe not json", content_type="application/json")
    assert response.status_code == 400
    assert not Chat.objects.exists()


def test_a_reader_starts_a_chat_and_gets_a_token_and_a_place_in_the_queue(client, helpline_open):
    response = post_json(client, "/chat/api/start/", {"consent": True, "email": ""})
    assert response.status_code == 201
    data = response.json()
    assert len(data["token"]) >= 40 and data["position"] == 1 and data["status"] == "waiting"
    assert data["urgent_line"] == "If you need urgent help, call 999 or NHS 111."


def test_no_chat_starts_while_closed(client, helpline_closed):
    assert post_json(client, "/chat/api/start/", {"consent": True}).status_code == 409


def test_starting_is_limited_per_address(client, helpline_open, settings):
    settings.CHAT_STARTS_PER_HOUR = 2
    codes = [post_json(client, "/chat/api/start/", {"consent": True}).status_code for _ in range(3)]
    assert codes == [201, 201, 429]


def test_polling_sends_and_receives_messages_by_last_seen_id(client, chat, nurse):
    sent = post_json(client, "/chat/api/send/", {"body": CANARY, "client_id": "p-1"}, chat.token)
    assert sent.status_code == 201
    again = post_json(client, "/chat/api/send/", {"body": CANARY, "client_id": "p-1"}, chat.token)
    assert again.status_code == 200 and again.json()["id"] == sent.json()["id"]  # a retry is stored once
    services.pick_up(chat.pk, nurse)
    reply, _ = services.post(chat, "nurse", "Hello, I am a nurse.", author=nurse)
    response = client.get(f"/chat/api/poll/?after={sent.json()['id']}", HTTP_X_CHAT_TOKEN=chat.token)
    data = response.json()
    assert [m["body"] for m in data["messages"]] == ["A nurse has joined the chat.", "Hello, I am a nurse."]
    assert data["state"]["status"] == "active"
    latest = data["messages"][-1]["id"]
    assert client.get(f"/chat/api/poll/?after={latest}", HTTP_X_CHAT_TOKEN=chat.token).json()["messages"] == []
    assert "no-store" in response["Cache-Control"]


def test_polling_shows_the_nurse_typing(client, chat, nurse):
    services.pick_up(chat.pk, nurse)
    services.typing(chat, "nurse")
    state = client.get("/chat/api/poll/", HTTP_X_CHAT_TOKEN=chat.token).json()["state"]
    assert state["nurse_typing"] is True


def test_reader_typing_is_recorded_for_the_nurse(client, chat):
    assert client.post("/chat/api/typing/", HTTP_X_CHAT_TOKEN=chat.token).status_code == 204
    chat.refresh_from_db()
    assert chat.reader_typing_at is not None


@pytest.mark.parametrize("token", ["", "guess", "x" * 43, "1", "CH-AAAA-BBBB"])
def test_nobody_reads_or_writes_a_chat_without_its_token(client, chat, token):
    services.post(chat, "reader", CANARY)
    headers = {"HTTP_X_CHAT_TOKEN": token}
    for response in [
        client.get("/chat/api/poll/", **headers),
        client.get(f"/chat/api/poll/?chat={chat.pk}", **headers),
        client.get("/chat/api/transcript/", **headers),
        post_json(client, "/chat/api/send/", {"body": "x", "chat": chat.pk}, token or None),
        client.post("/chat/api/leave/", **headers),
    ]:
        assert response.status_code == 404
        assert CANARY not in response.content.decode()
    assert ChatMessage.objects.filter(body="x").count() == 0
    chat.refresh_from_db()
    assert chat.is_open


def test_the_token_is_never_taken_from_the_address(client, chat):
    assert client.get(f"/chat/api/poll/?token={chat.token}").status_code == 404


def test_the_reader_downloads_the_transcript(client, chat):
    services.post(chat, "reader", CANARY)
    response = client.get("/chat/api/transcript/", HTTP_X_CHAT_TOKEN=chat.token)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="chat-{chat.reference}.txt"'
    assert CANARY in response.content.decode()


def test_the_reader_has_the_transcript_emailed(client, chat):
    services.post(chat, "reader", CANARY)
    bad = post_json(client, "/chat/api/email-transcript/", {"email": "nope"}, chat.token)
    assert bad.status_code == 400 and "correct format" in bad.json()["error"]
    ok = post_json(client, "/chat/api/email-transcript/", {"email": "me@example.org"}, chat.token)
    assert ok.status_code == 202
    assert mail.outbox[-1].to == ["me@example.org"] and CANARY in mail.outbox[-1].body


def test_the_reader_leaves_and_the_chat_ends(client, chat):
    response = client.post("/chat/api/leave/", HTTP_X_CHAT_TOKEN=chat.token)
    assert response.json()["state"]["status"] == "ended"
    chat.refresh_from_db()
    assert chat.outcome == "reader_left"
    assert post_json(client, "/chat/api/send/", {"body": "hello?"}, chat.token).status_code == 400


def test_sending_an_empty_or_overlong_message_says_what_is_wrong(client, chat):
    assert post_json(client, "/chat/api/send/", {"body": " "}, chat.token).json()["error"] == "Type a message"
    long = post_json(client, "/chat/api/send/", {"body": "x" * 5000}, chat.token).json()["error"]
    assert "2000 characters or fewer" in long


def test_message_text_never_reaches_the_logs(client, chat, caplog):
    caplog.set_level("DEBUG")
    post_json(client, "/chat/api/send/", {"body": CANARY}, chat.token)
    client.get("/chat/api/poll/", HTTP_X_CHAT_TOKEN=chat.token)
    assert "Canary" not in caplog.text and chat.token not in caplog.text


def test_every_page_offers_the_chat_while_it_is_open_and_the_same_html_for_everyone(
    client, site_tree, helpline_open, nurse
):
    html = client.get("/").content.decode()
    assert 'href="/chat/">Chat to a nurse</a>' in html
    client.force_login(nurse)
    services.set_accepting(False, nurse)
    client.logout()
    assert "Chat to a nurse" not in client.get("/").content.decode()


def test_no_chat_offer_while_the_helpline_is_closed(client, site_tree, helpline_closed):
    assert "Chat to a nurse" not in client.get("/").content.decode()
