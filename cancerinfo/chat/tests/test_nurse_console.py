"""The nurses' console in the admin: only the Nurses role with the second factor gets in; picking up, transfer,
emergency and ending are plain forms; reading a transcript is audited."""

import pytest
from django.test import Client

from cancerinfo.chat import services
from cancerinfo.chat.models import Chat, ChatAuditEntry, SavedReply

from .conftest import CANARY, password_only_session

pytestmark = pytest.mark.django_db


def test_nurses_get_the_console(client, nurse, chat):
    SavedReply.objects.create(title="Opening", body="Hello, my name is Nadia. How can I help?")
    client.force_login(nurse)
    response = client.get("/admin/chat/")
    html = response.content.decode()
    assert response.status_code == 200
    assert chat.reference in html and "Pick up" in html
    assert "Hello, my name is Nadia" in html  # saved replies
    assert "Emergency" in html and "Referred to GP" in html
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("url", ["/admin/chat/", "/admin/chat/history/", "/admin/chat/links/?q=ca"])
def test_anyone_else_is_refused(client, editor, django_user_model, url, chat):
    client.force_login(editor)
    assert client.get(url).status_code == 403
    boss = django_user_model.objects.create_superuser("boss", "boss@example.org", "pw-for-tests-only")
    client.force_login(boss)  # a superuser outside the Nurses group reads no chats either
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_the_console_needs_the_second_factor(nurse):
    client = Client()
    client.cookies["sessionid"] = password_only_session(nurse)
    response = client.get("/admin/chat/")
    assert response.status_code == 302 and "/admin/two-step/" in response["Location"]


def test_a_nurse_picks_up_transfers_flags_and_ends_a_chat(client, nurse, second_nurse, chat):
    client.force_login(nurse)
    services.seen_console(second_nurse)
    assert client.post(f"/admin/chat/{chat.pk}/pick-up/").status_code == 302
    chat.refresh_from_db()
    assert chat.nurse == nurse
    # Someone else's button on the same chat: told, not changed.
    other = Client()
    other.force_login(second_nurse)
    response = other.post(f"/admin/chat/{chat.pk}/pick-up/", HTTP_ACCEPT="application/json")
    assert response.status_code == 409 and "Another nurse" in response.json()["message"]

    response = client.post(f"/admin/chat/{chat.pk}/emergency/", HTTP_ACCEPT="application/json")
    assert response.json()["ok"] is True
    chat.refresh_from_db()
    assert chat.emergency_at is not None

    client.post(f"/admin/chat/{chat.pk}/transfer/", {"to": second_nurse.pk})
    chat.refresh_from_db()
    assert chat.nurse == second_nurse
    # The first nurse no longer holds it.
    assert (
        client.post(f"/admin/chat/{chat.pk}/end/", {"outcome": "gp"}, HTTP_ACCEPT="application/json").status_code == 409
    )
    bad = other.post(f"/admin/chat/{chat.pk}/end/", {"outcome": ""}, HTTP_ACCEPT="application/json")
    assert bad.json()["message"] == "Choose how the chat ended"
    other.post(f"/admin/chat/{chat.pk}/end/", {"outcome": "emergency"})
    chat.refresh_from_db()
    assert chat.status == Chat.Status.ENDED and chat.outcome == "emergency"


def test_reading_a_transcript_is_audited(client, nurse, chat):
    services.post(chat, "reader", CANARY)
    client.force_login(nurse)
    response = client.get(f"/admin/chat/{chat.pk}/")
    assert CANARY in response.content.decode()
    assert ChatAuditEntry.objects.filter(action="view", reference=chat.reference, actor=nurse).count() == 1


def test_flagged_chats_are_listed_for_a_supervisor(client, nurse, chat):
    services.pick_up(chat.pk, nurse)
    services.emergency(chat, nurse)
    services.end(chat, "emergency", nurse)
    client.force_login(nurse)
    html = client.get("/admin/chat/history/?emergency=1").content.decode()
    assert chat.reference in html and "not yet checked" in html
    client.post(f"/admin/chat/{chat.pk}/checked/")
    chat.refresh_from_db()
    assert chat.supervisor_checked_at is not None


def test_the_switch_turns_chat_off_and_on(client, nurse, helpline_open):
    client.force_login(nurse)
    client.post("/admin/chat/switch/", {})
    assert services.availability().open is False
    client.post("/admin/chat/switch/", {"accepting": "on"})
    assert services.availability().open is True


def test_links_to_our_pages_for_a_message(client, nurse, site_tree):
    client.force_login(nurse)
    pages = client.get("/admin/chat/links/?q=contact").json()["pages"]
    assert any("/contact-us/" in page["url"] for page in pages)
