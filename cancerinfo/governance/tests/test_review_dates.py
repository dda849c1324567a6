"""Review dates: the report of overdue and due-soon content by owner, reminder emails, the notice readers see."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from cancerinfo.booklets.tests.factories import make_booklet
from cancerinfo.governance.services import review_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def owners(django_user_model):
    return (
        django_user_model.objects.create_user("ann", email="ann@example.org", first_name="Ann", last_name="Owner"),
        django_user_model.objects.create_user("bob", email="bob@example.org", first_name="Bob", last_name="Keeper"),
    )


@pytest.fixture
def dated_booklets(site_tree, owners):
    ann, bob = owners
    today = timezone.localdate()
    parent = site_tree["cancer-types"]

    def booklet(title, due, owner):
        page = make_booklet(parent, title, sections=1, last_reviewed=due - datetime.timedelta(days=3 * 365))
        page.next_review_due = due
        page.owner = owner
        page.save_revision().publish()
        return page

    return {
        "overdue": booklet("Understanding liver cancer", today - datetime.timedelta(days=10), ann),
        "soon": booklet("Understanding eye cancer", today + datetime.timedelta(days=30), ann),
        "later": booklet("Understanding skin cancer", today + datetime.timedelta(days=200), bob),
        "bob_overdue": booklet("Understanding bone cancer", today - datetime.timedelta(days=1), bob),
    }


def test_the_service_lists_overdue_and_due_soon_pages_by_owner(dated_booklets):
    items = review_due()
    titles = [item.page.title for item in items]
    assert titles == [
        "Understanding liver cancer",
        "Understanding eye cancer",
        "Understanding bone cancer",
    ]
    assert [item.overdue for item in items] == [True, False, True]
    assert "Understanding skin cancer" not in titles


def test_the_admin_report_shows_them(admin_client, dated_booklets):
    response = admin_client.get("/admin/governance/reviews/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "3 pages to review, 2 overdue." in html
    assert "Ann Owner" in html and "Bob Keeper" in html
    assert "Understanding liver cancer" in html and "Overdue</strong> by 10 days" in html
    assert "Understanding eye cancer" in html and "Due in 30 days" in html
    assert "Understanding skin cancer" not in html


def test_the_reports_menu_lists_the_governance_reports(admin_client, site_tree):
    html = admin_client.get("/admin/").content.decode()
    for label in ("Reviews due", "Hardest pages to read", "Page feedback", "Broken links"):
        assert label in html


def test_owners_get_one_reminder_email_each(dated_booklets):
    call_command("send_review_reminders", stdout=open("/dev/null", "w"))
    assert sorted(tuple(m.to) for m in mail.outbox) == [("ann@example.org",), ("bob@example.org",)]
    ann_mail = next(m for m in mail.outbox if m.to == ["ann@example.org"])
    assert ann_mail.subject == "2 pages to review (1 overdue)"
    assert "Understanding liver cancer: OVERDUE" in ann_mail.body
    assert "Understanding eye cancer: due" in ann_mail.body
    assert "skin cancer" not in "".join(m.body for m in mail.outbox)


def test_an_overdue_booklet_and_its_sections_show_a_gentle_notice(client, overdue_booklet):
    section = overdue_booklet.get_children().first()
    for url in (overdue_booklet.url, section.url):
        html = client.get(url).content.decode()
        assert "We are checking this information." in html
        assert "It was due for review on" in html and "10 January 2025" in html


def test_an_up_to_date_booklet_shows_no_notice(client, booklet):
    section = booklet.get_children().first()
    assert "We are checking this information" not in client.get(section.url).content.decode()
