"""Retention (purge_expired_enquiries), subject access export and erase-this-person, all audited."""

import datetime
import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from cancerinfo.enquiries.models import AuditEntry, ContactMessage, Enquiry, EnquiryReply
from cancerinfo.enquiries.services import send_reply

from .conftest import CANARY

pytestmark = pytest.mark.django_db


def make_enquiry(email="sam@example.org", status="new", closed_days_ago=None, question=CANARY):
    enquiry = Enquiry.objects.create(
        question=question, about="me", email=email, consent_wording_version="v", consent_given_at=timezone.now()
    )
    if closed_days_ago is not None:
        Enquiry.objects.filter(pk=enquiry.pk).update(
            status="closed", closed_at=timezone.now() - datetime.timedelta(days=closed_days_ago)
        )
    elif status != "new":
        Enquiry.objects.filter(pk=enquiry.pk).update(status=status)
    return Enquiry.objects.get(pk=enquiry.pk)


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_purge_anonymises_closed_enquiries_after_twelve_months(nurse):
    expired = make_enquiry(closed_days_ago=400)
    send_reply(expired, nurse, "An old reply", mark_answered=False)
    Enquiry.objects.filter(pk=expired.pk).update(status="closed")
    recent = make_enquiry(closed_days_ago=100)
    still_open = make_enquiry(status="in_progress")
    Enquiry.objects.filter(pk=still_open.pk).update(created_at=timezone.now() - datetime.timedelta(days=800))
    old_message = ContactMessage.objects.create(category="other", email="a@example.org", message="hi")
    ContactMessage.objects.filter(pk=old_message.pk).update(created_at=timezone.now() - datetime.timedelta(days=400))
    new_message = ContactMessage.objects.create(category="other", email="b@example.org", message="hello")

    assert "Would anonymise 1" in run("purge_expired_enquiries", "--dry-run")
    assert Enquiry.objects.get(pk=expired.pk).question == CANARY

    output = run("purge_expired_enquiries")
    assert "Anonymised 1 closed question(s) and deleted 1 contact message(s)" in output
    gone = Enquiry.objects.get(pk=expired.pk)
    assert gone.question == "" and gone.email == "" and gone.email_hash == "" and gone.anonymised_at
    assert gone.reference == expired.reference  # counted, but nothing personal
    assert not EnquiryReply.objects.filter(enquiry=gone).exists()
    assert Enquiry.objects.get(pk=recent.pk).question == CANARY
    assert Enquiry.objects.get(pk=still_open.pk).question == CANARY
    assert list(ContactMessage.objects.all()) == [new_message]
    assert AuditEntry.objects.filter(action="anonymise", reference=expired.reference).exists()
    assert AuditEntry.objects.filter(action="deletion", reference=old_message.reference).exists()
    # Safe to run again.
    assert "Anonymised 0" in run("purge_expired_enquiries")


def test_purge_period_is_configurable(settings):
    settings.ENQUIRY_RETENTION_DAYS = 30
    make_enquiry(closed_days_ago=40)
    assert "Anonymised 1" in run("purge_expired_enquiries")
    make_enquiry(closed_days_ago=10)
    assert "Anonymised 1" in run("purge_expired_enquiries", "--days", "5")


def test_export_command_gives_everything_for_one_address_and_is_audited(nurse):
    mine = make_enquiry()
    send_reply(mine, nurse, "Our reply")
    make_enquiry(email="someone.else@example.org", question="Not yours")
    ContactMessage.objects.create(category="media", name="Sam", email="Sam@Example.org", message="Press question")
    data = json.loads(run("export_enquiries", "--email", "SAM@example.org"))
    assert [q["question"] for q in data["questions"]] == [CANARY]
    assert data["questions"][0]["replies"][0]["reply"] == "Our reply"
    assert [m["message"] for m in data["contact_messages"]] == ["Press question"]
    assert AuditEntry.objects.filter(action="export", reference=mine.reference).exists()


def test_erase_command_deletes_one_person_and_keeps_the_audit_trail():
    mine = make_enquiry()
    other = make_enquiry(email="other@example.org")
    assert "Would erase 1 question(s)" in run("erase_enquiries", "--email", "sam@example.org")
    assert Enquiry.objects.count() == 2
    assert "Erased 1 record(s)" in run("erase_enquiries", "--email", "sam@example.org", "--yes")
    assert list(Enquiry.objects.all()) == [other]
    assert AuditEntry.objects.filter(action="deletion", reference=mine.reference).exists()


def test_erase_command_rejects_a_bad_address():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        run("erase_enquiries", "--email", "not an address")


def test_admin_export_and_erase_are_for_nurses_and_audited(client, nurse, editor):
    enquiry = make_enquiry()
    url = reverse("enquiries_admin:person")
    client.force_login(editor)
    assert client.post(url, {"email": "sam@example.org", "export": "1"}).status_code == 403
    client.force_login(nurse)
    response = client.post(url, {"email": "sam@example.org", "export": "1"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "no-store" in response["Cache-Control"]
    assert json.loads(response.content)["questions"][0]["question"] == CANARY
    refused = client.post(url, {"email": "sam@example.org", "erase": "1"})
    assert "Tick the box to confirm" in refused.content.decode()
    assert Enquiry.objects.count() == 1
    client.post(url, {"email": "sam@example.org", "erase": "1", "confirm": "on"})
    assert Enquiry.objects.count() == 0
    actions = set(AuditEntry.objects.filter(reference=enquiry.reference).values_list("action", "actor"))
    assert {("export", nurse.pk), ("deletion", nurse.pk)} <= actions
