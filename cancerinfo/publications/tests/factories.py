"""Publications for tests: records, a small booklet with headings and references, and staff users."""

import datetime

from django.contrib.auth.models import Group, User

from cancerinfo.booklets.tests.factories import add_section, make_booklet, publish
from cancerinfo.publications.models import Publication, PublicationsPage

SECTION_TITLES = ["What is secondary bone cancer?", "Symptoms", "Treating hypercalcaemia"]


def catalogue(site_tree) -> PublicationsPage:
    page = site_tree["publications"]
    assert isinstance(page, PublicationsPage)
    return page


def make_pdf_booklet(site_tree, title="Understanding bone health", slug="bone-health"):
    """A small booklet: three sections (one with sub-headings), references and review dates."""
    booklet = make_booklet(
        site_tree["cancer-types"],
        title,
        sections=0,
        slug=slug,
        summary="For people with cancer in the bones. Sample content.",
    )
    booklet.references = [
        ("reference", {"title": "Bone health in cancer care", "source": "Sample Journal", "year": 2025, "url": ""})
    ]
    booklet.last_reviewed = datetime.date(2026, 3, 3)
    booklet.next_review_due = datetime.date(2029, 3, 3)
    booklet.edition = "3rd edition"
    booklet.edition_date = datetime.date(2026, 3, 3)
    publish(booklet)
    add_section(booklet, SECTION_TITLES[0], body="<p>Cancer can spread to the bones.</p>", slug="what-is-it")
    add_section(
        booklet,
        SECTION_TITLES[1],
        body="<h3>Pain</h3><p>Pain is the most common symptom.</p><h3>Broken bones</h3><p>Bones may break.</p>",
        slug="symptoms",
    )
    add_section(
        booklet, SECTION_TITLES[2], body="<p>Drips of fluid and drugs lower the calcium.</p>", slug="hypercalcaemia"
    )
    booklet.refresh_from_db()
    return booklet


def make_publication(code="CI-0001", title="Understanding bone health", booklet=None, **fields):
    fields.setdefault("edition_date", datetime.date(2026, 3, 1))
    fields.setdefault("stock_count", 100)
    return Publication.objects.create(code=code, title=title, booklet=booklet, **fields)


def make_user(username, group_name=None, superuser=False):
    user = User.objects.create_user(
        username, f"{username}@example.org", "a-long-test-password", is_superuser=superuser, is_staff=superuser
    )
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user
