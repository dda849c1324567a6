"""What's changed: dated, editor-written summaries per edition, shown on the booklet's landing page."""

import datetime
import io

import pytest

from cancerinfo.governance import demo
from cancerinfo.governance.models import ChangeLogEntry

pytestmark = pytest.mark.django_db


def test_the_booklet_page_lists_changes_newest_first(client, booklet):
    ChangeLogEntry.objects.create(
        booklet=booklet, date=datetime.date(2023, 5, 1), edition="2nd edition", summary="Added a section on diet."
    )
    ChangeLogEntry.objects.create(
        booklet=booklet, date=datetime.date(2026, 3, 3), edition="3rd edition", summary="New treatment options."
    )
    html = client.get(booklet.url).content.decode()
    assert "What’s changed" in html
    newer = html.index("3 March 2026</time> (3rd edition): New treatment options.")
    older = html.index("1 May 2023</time> (2nd edition): Added a section on diet.")
    assert newer < older


def test_a_booklet_without_changes_shows_no_heading(client, booklet):
    assert "What’s changed" not in client.get(booklet.url).content.decode()


def test_editors_manage_entries_as_snippets(admin_client, booklet):
    ChangeLogEntry.objects.create(booklet=booklet, summary="Sample change.")
    response = admin_client.get("/admin/snippets/governance/changelogentry/")
    assert response.status_code == 200
    assert "Sample change." in response.content.decode()
    add = admin_client.get("/admin/snippets/governance/changelogentry/add/")
    assert add.status_code == 200


def test_the_demo_adds_entries_once(booklet):
    demo.load({}, io.StringIO())
    demo.load({}, io.StringIO())
    assert ChangeLogEntry.objects.filter(booklet=booklet).count() == len(demo.EARLIER_CHANGES)


def test_the_demo_current_editions_entry_is_the_booklets_own_edition(booklet):
    """What's changed agrees with the edition the booklet shows everywhere else, even after the edition moves."""
    booklet.edition, booklet.edition_date = "3rd edition", datetime.date(2026, 9, 14)
    booklet.save_revision().publish()
    demo.load({}, io.StringIO())
    booklet.edition_date = datetime.date(2026, 10, 1)
    booklet.save_revision().publish()
    demo.load({}, io.StringIO())

    newest = ChangeLogEntry.objects.filter(booklet=booklet).first()
    assert (newest.edition, newest.date) == ("3rd edition", datetime.date(2026, 10, 1))
    assert ChangeLogEntry.objects.filter(booklet=booklet).count() == len(demo.EARLIER_CHANGES) + 1
