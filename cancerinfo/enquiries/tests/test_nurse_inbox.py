"""The nurse inbox: Nurses group only; view and reply are audited; replies are e-mailed and stored."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from cancerinfo.booklets.tests.factories import make_booklet
from cancerinfo.enquiries import drafts, services
from cancerinfo.enquiries.models import AuditEntry, Enquiry

from .conftest import CANARY

pytestmark = pytest.mark.django_db


def inbox_urls(enquiry):
    return [
        reverse("enquiries_admin:inbox"),
        reverse("enquiries_admin:detail", args=[enquiry.pk]),
        reverse("enquiries_admin:audit"),
        reverse("enquiries_admin:person"),
    ]


def test_the_migration_creates_the_nurses_group_with_its_permissions():
    group = Group.objects.get(name="Nurses")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"handle_enquiries", "access_admin"} <= codenames


@pytest.mark.parametrize("who", ["editor", "fulfilment", "superuser"])
def test_everyone_but_nurses_gets_403(client, enquiry, who, editor, fulfilment, django_user_model):
    users = {
        "editor": editor,
        "fulfilment": fulfilment,
        "superuser": django_user_model.objects.create_superuser("root", "root@example.org", "pw-for-tests-only"),
    }
    client.force_login(users[who])
    for url in inbox_urls(enquiry):
        response = client.get(url)
        assert response.status_code == 403, url
        assert CANARY not in response.content.decode()
    for action in ("assign", "status", "draft"):
        assert client.post(reverse(f"enquiries_admin:{action}", args=[enquiry.pk])).status_code == 403
    assert not AuditEntry.objects.filter(action="view").exists()


def test_anonymous_people_are_sent_to_sign_in(client, enquiry):
    response = client.get(reverse("enquiries_admin:detail", args=[enquiry.pk]))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_nurses_see_the_inbox_without_question_text(client, nurse, enquiry):
    client.force_login(nurse)
    response = client.get(reverse("enquiries_admin:inbox"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert enquiry.reference in html
    assert CANARY not in html
    assert not AuditEntry.objects.filter(action="view").exists()


def test_opening_an_enquiry_is_audited(client, nurse, enquiry):
    client.force_login(nurse)
    response = client.get(reverse("enquiries_admin:detail", args=[enquiry.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert CANARY in response.content.decode()
    entry = AuditEntry.objects.get(action="view")
    assert entry.reference == enquiry.reference
    assert entry.actor == nurse and entry.actor_name == "nurse.nadia"


def test_assign_to_me_and_change_status(client, nurse, enquiry):
    client.force_login(nurse)
    client.post(reverse("enquiries_admin:assign", args=[enquiry.pk]))
    enquiry.refresh_from_db()
    assert enquiry.assigned_to == nurse and enquiry.status == Enquiry.Status.IN_PROGRESS
    client.post(reverse("enquiries_admin:status", args=[enquiry.pk]), {"status": "closed"})
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.CLOSED and enquiry.closed_at is not None
    client.post(reverse("enquiries_admin:status", args=[enquiry.pk]), {"status": "deleted!"})
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.CLOSED
    assert list(AuditEntry.objects.order_by("pk").values_list("action", flat=True)) == ["assign", "status"]


def test_reply_from_the_inbox_is_emailed_stored_and_audited(client, nurse, enquiry, site_tree):
    booklet = make_booklet(site_tree["cancer-types"], title="Understanding bowel cancer", sections=1)
    section = booklet.get_children().first()
    client.force_login(nurse)
    # Search pages by title to link in the reply.
    found = client.get(reverse("enquiries_admin:detail", args=[enquiry.pk]), {"link_q": "section 1"})
    assert section in found.context["link_suggestions"]

    response = client.post(
        reverse("enquiries_admin:detail", args=[enquiry.pk]),
        {
            "body": "Thank you for asking. A lump that grows should be checked by your GP soon.",
            "linked_page": section.pk,
            "mark_answered": "on",
        },
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == Enquiry.Status.ANSWERED and enquiry.answered_at
    reply = enquiry.replies.get()
    assert reply.author == nurse and reply.linked_page_id == section.pk
    (sent,) = mail.outbox
    assert sent.to == ["sam@example.org"]
    assert "A lump that grows" in sent.body
    assert section.specific.full_url in sent.body
    assert CANARY not in sent.body
    audit = AuditEntry.objects.get(action="reply")
    assert audit.reference == enquiry.reference and audit.actor == nurse
    assert "A lump" not in audit.detail


def test_empty_reply_is_refused(client, nurse, enquiry):
    client.force_login(nurse)
    response = client.post(reverse("enquiries_admin:detail", args=[enquiry.pk]), {"body": ""})
    assert response.status_code == 200
    assert "Write your reply" in response.content.decode()
    assert mail.outbox == [] and not enquiry.replies.exists()


def test_audit_log_is_append_only(enquiry, nurse):
    entry = services.audit("view", enquiry.reference, nurse)
    entry.detail = "changed"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.update(detail="x")
    assert AuditEntry.objects.get().detail == ""
    # Removing a staff account keeps the trail, with the name it had.
    nurse.delete()
    entry = AuditEntry.objects.get()
    assert entry.actor is None and entry.actor_name == "nurse.nadia"


def test_audit_log_page_is_read_only(client, nurse, enquiry):
    services.audit("view", enquiry.reference, nurse)
    client.force_login(nurse)
    response = client.get(reverse("enquiries_admin:audit"))
    assert response.status_code == 200
    assert enquiry.reference in response.content.decode()
    assert '<form method="post"' not in response.content.decode()


def test_personal_details_are_removed_from_drafts():
    text = (
        "My name is Priya. Email priya@example.org or call 07700 900123. NHS 943 476 5919, SW1A 1AA, born 02/03/1961."
    )
    cleaned = drafts.remove_personal_details(text, ["Priya"])
    for detail in ("Priya", "priya@example.org", "07700 900123", "943 476 5919", "SW1A 1AA", "02/03/1961"):
        assert detail not in cleaned


def test_answered_enquiry_becomes_a_draft_question_or_a_note(client, nurse, enquiry, site_tree):
    services.send_reply(enquiry, nurse, "Sam, most lumps are not cancer.\n\nSee your GP if it keeps growing.")
    client.force_login(nurse)
    response = client.post(reverse("enquiries_admin:draft", args=[enquiry.pk]))
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="draft", reference=enquiry.reference).exists()
    if services.questions_app_available() and "questions" in site_tree:
        from django.apps import apps

        page = apps.get_model("questions", "QuestionPage").objects.get()
        assert not page.live
        assert "Sam" not in page.short_answer and "Sam" not in page.title
        assert "lump" in page.title.lower()
    else:
        enquiry.refresh_from_db()
        assert "Suggested as a CancerQs question" in enquiry.closing_note
