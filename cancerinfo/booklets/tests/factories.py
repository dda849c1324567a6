"""Build booklets for tests: real pages in the real tree, published like an editor would."""

import datetime

from cancerinfo.booklets.models import BookletPage, BookletSectionPage


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_booklet(parent, title="Understanding testing", sections=3, slug=None, **fields):
    fields.setdefault("last_reviewed", datetime.date(2026, 3, 3))
    booklet = parent.add_child(
        instance=BookletPage(title=title, slug=slug or title.lower().replace(" ", "-"), **fields)
    )
    publish(booklet)
    for number in range(1, sections + 1):
        add_section(booklet, f"Section {number}", body=f"<p>Text of section {number}.</p>")
    return booklet


def add_section(booklet, title, body="<p>Some text.</p>", slug=None, live=True):
    section = BookletSectionPage(title=title, slug=slug or title.lower().replace(" ", "-"), body=[("paragraph", body)])
    if not live:
        section.live = False
    booklet.add_child(instance=section)
    if live:
        publish(section)
    return section
