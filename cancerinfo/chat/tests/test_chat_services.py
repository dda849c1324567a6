"""The chat's rules, without the network: opening, the queue and its wait estimate, messages stored once, the
nurses' actions, transcripts, what happens at closing time, retention and erasure."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from cancerinfo.chat import services
from cancerinfo.chat.models import Chat, ChatAuditEntry, ChatMessage, NursePresence

from .conftest import CANARY

pytestmark = pytest.mark.django_db


def test_chat_is_open_only_while_the_helpline_is_open_and_the_nurses_switch_is_on(helpline_open, nurse):
    assert services.availability().open
    services.set_accepting(False, nurse)
    assert not services.availability().open
    assert ChatAuditEntry.objects.filter(action="switch").exists()
    services.set_accepting(True, nurse)
    assert services.availability().open


def test_no_chat_starts_while_closed(helpline_closed):
    assert not services.availability().open
    with pytest.raises(services.ChatError):
        services.start_chat()


def test_the_reader_holds_the_chat_by_an_unguessable_token_whose_hash_alone_is_stored(chat):
    assert len(chat.token) >= 40
    assert chat.token not in chat.token_hash
    assert services.chat_for_token(chat.token) == chat
    assert services.chat_for_token(chat.token[:-1] + ("A" if chat.token[-1] != "A" else "B")) is None
    assert services.chat_for_token(chat.reference) is None
    assert services.chat_for_token(str(chat.pk)) is None
    assert services.chat_for_token(None) is None


def test_messages_and_the_email_address_are_encrypted_at_rest(chat):
    services.post(chat, "reader", CANARY, "c1")
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM chat_chatmessage")
        stored = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT email FROM chat_chat")
        emails = [row[0] for row in cursor.fetchall()]
    assert stored and all("Canary" not in body for body in stored)
    assert emails and all("example.org" not in email for email in emails)
    assert ChatMessage.objects.get(client_id="c1").body == CANARY


def test_a_message_sent_twice_with_the_same_client_id_is_stored_once(chat):
    first, created = services.post(chat, "reader", "Hello", "abc-1")
    again, created_again = services.post(chat, "reader", "Hello", "abc-1")
    assert created and not created_again
    assert first.pk == again.pk
    assert ChatMessage.objects.filter(chat=chat, sender="reader").count() == 1


def test_messages_after_an_id_are_what_a_client_missed(chat):
    ids = [services.post(chat, "reader", f"Message {n}", f"m{n}")[0].pk for n in range(3)]
    assert [m.pk for m in services.messages_after(chat.pk, ids[0])] == ids[1:]
    assert services.messages_after(chat.pk, ids[-1]) == []


def test_a_message_from_a_connection_is_stored_and_read_back_in_one_trip(chat, nurse, django_assert_max_num_queries):
    services.pick_up(chat.pk, nurse)
    seen = services.post(chat, "nurse", "Seen already", author=nurse)[0]
    missed = services.post(chat, "nurse", "Not seen yet", author=nurse)[0]
    # Find the chat, store (one insert, in a savepoint here), read what the connection has not sent on.
    with django_assert_max_num_queries(5) as queries:
        message, unsent, notice = services.post_and_read(chat.pk, "reader", "My question", "r-9", after=seen.pk)
    assert [m.pk for m in unsent] == [missed.pk, message.pk]
    assert notice == (f"chat-{chat.pk}", {"kind": "messages", "chat": chat.pk, "upto": message.pk})
    # Sent again (the ack was lost): the stored message, and nothing more to announce.
    again, _unsent, no_notice = services.post_and_read(chat.pk, "reader", "My question", "r-9", after=message.pk)
    assert again.pk == message.pk and no_notice is None
    assert ChatMessage.objects.get(pk=message.pk).body == "My question"
    assert sum(q["sql"].startswith("INSERT") for q in queries.captured_queries) == 1
    # The chat is found without its reader's encrypted e-mail address: no message pays to decrypt it.
    chat_lookup = next(q["sql"] for q in queries.captured_queries if 'FROM "chat_chat"' in q["sql"])
    assert '"email"' not in chat_lookup


def test_a_nurse_cannot_post_to_a_chat_she_does_not_hold(chat, nurse, second_nurse):
    services.pick_up(chat.pk, nurse)
    with pytest.raises(services.ChatError, match="not one of yours"):
        services.post_and_read(chat.pk, "nurse", "Hello", "n-1", after=0, author=second_nurse)
    assert not ChatMessage.objects.filter(chat=chat, sender="nurse").exists()


def test_a_deleted_chat_is_gone_for_its_reader(chat):
    chat.delete()
    with pytest.raises(services.ChatGone):
        services.post_and_read(chat.pk, "reader", "Hello", "r-1", after=0)


def test_a_repeat_after_the_chat_ended_is_the_stored_message_not_an_error(chat, nurse):
    first, _ = services.post(chat, "reader", "Before the end", "r-1")
    chat.status = "ended"
    chat.save()
    again, created = services.post(chat, "reader", "Before the end", "r-1")
    assert (again.pk, created) == (first.pk, False)
    with pytest.raises(services.ChatError, match="ended"):
        services.post(chat, "reader", "After the end", "r-2")


@pytest.mark.parametrize(
    ("body", "problem"),
    [("", "Type a message"), ("   \n ", "Type a message"), (None, "Type a message"), ("x" * 2001, "2000 characters")],
)
def test_empty_and_overlong_messages_are_refused_with_a_clear_message(chat, body, problem):
    with pytest.raises(services.ChatError, match=problem):
        services.post(chat, "reader", body)


def test_control_characters_are_removed_from_messages(chat):
    message, _ = services.post(chat, "reader", "Hel\x00lo\x1b there\r\nsecond line")
    assert message.body == "Hello there\nsecond line"


def test_queue_position_and_an_honest_wait_estimate(helpline_open, nurse, settings):
    settings.CHAT_MINUTES_PER_CHAT = 10
    chats = [services.start_chat()[0] for _ in range(3)]
    assert [services.queue_position(c) for c in chats] == [1, 2, 3]
    # Nobody at a console: we say we cannot tell.
    assert services.wait_estimate(3)["minutes"] is None
    services.seen_console(nurse)
    assert services.wait_estimate(1)["minutes"] == 0
    assert services.wait_estimate(3)["minutes"] == 20  # two chats ahead, one nurse, ten minutes each
    assert "About 20 minutes" in services.wait_estimate(3)["text"]
    services.pick_up(chats[0].pk, nurse)
    assert services.queue_position(Chat.objects.get(pk=chats[2].pk)) == 2


def test_nurses_not_seen_for_two_minutes_are_off_duty(nurse):
    services.seen_console(nurse)
    assert services.nurses_on_duty() == 1
    NursePresence.objects.update(last_seen=timezone.now() - datetime.timedelta(minutes=3))
    assert services.nurses_on_duty() == 0


def _session_with_device(device) -> dict:
    from django_otp import DEVICE_ID_SESSION_KEY

    return {DEVICE_ID_SESSION_KEY: device.persistent_id}


@pytest.mark.django_db(transaction=True)  # outside any transaction, as a console's socket asks (autocommit)
def test_the_second_factor_is_a_confirmed_device_of_the_nurse_named_in_the_session(nurse, second_nurse):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    own = TOTPDevice.objects.create(user=nurse, name="Phone", confirmed=True)
    assert services.second_factor_passed(nurse, _session_with_device(own))
    assert not services.second_factor_passed(second_nurse, _session_with_device(own))  # someone else's device
    unconfirmed = TOTPDevice.objects.create(user=second_nurse, name="Half set up", confirmed=False)
    assert not services.second_factor_passed(second_nurse, _session_with_device(unconfirmed))
    assert not services.second_factor_passed(nurse, {})
    assert not services.second_factor_passed(nurse, None)


def test_a_waiting_chat_is_picked_up_by_one_nurse_only(chat, nurse, second_nurse):
    services.pick_up(chat.pk, nurse)
    with pytest.raises(services.ChatError):
        services.pick_up(chat.pk, second_nurse)
    chat.refresh_from_db()
    assert chat.status == Chat.Status.ACTIVE and chat.nurse == nurse
    assert ChatAuditEntry.objects.filter(action="pick_up", reference=chat.reference, actor=nurse).exists()


def test_a_nurse_can_hold_several_chats(helpline_open, nurse):
    for _ in range(3):
        services.pick_up(services.start_chat()[0].pk, nurse)
    assert services.my_chats(nurse).count() == 3


def test_transfer_moves_the_chat_to_another_nurse(chat, nurse, second_nurse, editor):
    services.pick_up(chat.pk, nurse)
    with pytest.raises(services.ChatError):
        services.transfer(chat, nurse, editor)  # not a nurse
    services.transfer(chat, nurse, second_nurse)
    chat.refresh_from_db()
    assert chat.nurse == second_nurse
    with pytest.raises(services.ChatError):
        services.held_chat(chat.pk, nurse)
    assert services.held_chat(chat.pk, second_nurse) == chat


def test_emergency_shows_the_reader_emergency_contacts_and_flags_the_chat(chat, nurse):
    services.pick_up(chat.pk, nurse)
    services.emergency(chat, nurse)
    chat.refresh_from_db()
    assert chat.emergency_at is not None
    assert services.reader_state(chat)["emergency"] is True
    assert "999" in chat.messages.filter(sender="system").last().body
    assert ChatAuditEntry.objects.filter(action="emergency", reference=chat.reference).exists()


def test_ending_records_the_outcome_and_closes_the_chat_to_messages(chat, nurse):
    services.pick_up(chat.pk, nurse)
    with pytest.raises(services.ChatError):
        services.end(chat, "not-an-outcome", nurse)
    services.end(chat, Chat.Outcome.GP, nurse)
    chat.refresh_from_db()
    assert chat.status == Chat.Status.ENDED and chat.outcome == "gp" and chat.ended_at
    with pytest.raises(services.ChatError, match="ended"):
        services.post(chat, "reader", "Are you there?")


def test_the_transcript_has_every_message_and_the_urgent_help_line(chat, nurse):
    services.post(chat, "reader", CANARY)
    services.pick_up(chat.pk, nurse)
    services.post(chat, "nurse", "Thank you for telling me.", author=nurse)
    text = services.transcript_text(chat)
    assert CANARY in text and "Nurse: Thank you for telling me." in text
    assert services.URGENT_LINE in text and chat.reference in text


def test_the_transcript_is_emailed_through_the_queue(chat):
    from cancerinfo.chat import tasks

    services.post(chat, "reader", CANARY)
    tasks.email_transcript.enqueue(chat.pk)  # immediate in tests: the worker's job, run at once
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["reader@example.org"]
    assert CANARY in mail.outbox[0].body
    assert CANARY not in mail.outbox[0].subject
    assert ChatAuditEntry.objects.filter(action="transcript", reference=chat.reference).exists()


def test_chats_still_waiting_at_closing_time_become_questions_and_the_reader_is_told(monkeypatch, helpline_open):
    from cancerinfo.enquiries.models import Enquiry

    with_email, token = services.start_chat("waiting@example.org")
    services.post(with_email, "reader", CANARY)
    without_email, _ = services.start_chat("")
    services.post(without_email, "reader", "Anyone there?")
    from .conftest import helpline_status

    monkeypatch.setattr(services, "status_at", helpline_status(False))
    summary = services.pass_on_waiting()
    assert summary == {"passed_on": 1, "ended": 1}
    with_email.refresh_from_db()
    enquiry = Enquiry.objects.get(reference=with_email.enquiry_reference)
    assert enquiry.question == CANARY and enquiry.email == "waiting@example.org"
    assert with_email.status == Chat.Status.PASSED_ON
    assert enquiry.reference in with_email.messages.filter(sender="system").last().body
    without_email.refresh_from_db()
    assert without_email.status == Chat.Status.ENDED and without_email.outcome == "off_duty"
    assert "ask-a-nurse form" in without_email.messages.filter(sender="system").last().body


def test_waiting_chats_stay_while_chat_is_open(chat):
    assert services.pass_on_waiting() == {"passed_on": 0, "ended": 0}
    chat.refresh_from_db()
    assert chat.status == Chat.Status.WAITING


def test_retention_deletes_the_messages_and_address_of_old_chats(chat, nurse, settings):
    services.post(chat, "reader", CANARY)
    services.pick_up(chat.pk, nurse)
    services.end(chat, "information", nurse)
    Chat.objects.filter(pk=chat.pk).update(ended_at=timezone.now() - datetime.timedelta(days=400))
    settings.CHAT_RETENTION_DAYS = 365
    assert services.purge_expired()["anonymised"] == 1
    chat.refresh_from_db()
    assert chat.anonymised_at and chat.email == "" and not chat.messages.exists()
    assert chat.outcome == "information"  # kept for counting
    assert services.chat_for_token(chat.token) is None


def test_recent_chats_are_kept(chat, nurse):
    services.pick_up(chat.pk, nurse)
    services.end(chat, "information", nurse)
    assert services.purge_expired()["anonymised"] == 0


def test_erasure_deletes_the_chat_and_audits_it_by_reference(chat, nurse):
    services.erase_chat(chat, nurse)
    assert not Chat.objects.filter(pk=chat.pk).exists()
    assert ChatAuditEntry.objects.filter(action="deletion", reference=chat.reference).exists()


def test_the_audit_log_is_append_only(chat):
    entry = ChatAuditEntry.objects.first()
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        ChatAuditEntry.objects.all().delete()
