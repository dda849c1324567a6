"""A separate app server for the shared-index tests: one command per line on stdin, one JSON answer per line.

search WORDS            -> {"urls": [...]}      (this process's index, brought up to date as a web process does)
publish BOOKLET_ID TITLE -> {"id": page id}     (a new section, published)
unpublish PAGE_ID        -> {}
draft PAGE_ID TITLE      -> {}                  (a new title saved as a draft only)
"""

import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cancerinfo.settings.test")

import django  # noqa: E402

django.setup()

from wagtail.models import Page  # noqa: E402

from cancerinfo.booklets.models import BookletSectionPage  # noqa: E402
from cancerinfo.search.services import search  # noqa: E402


def run(command: str, rest: str) -> dict:
    if command == "search":
        return {"urls": [r.document.url for r in search(rest, log=False).results]}
    if command == "publish":
        booklet_id, title = rest.split(" ", 1)
        booklet = Page.objects.get(pk=int(booklet_id))
        section = BookletSectionPage(
            title=title, slug=title.lower().replace(" ", "-"), body=[("paragraph", f"<p>{title}.</p>")]
        )
        booklet.add_child(instance=section)
        section.save_revision().publish()
        return {"id": section.pk}
    if command == "unpublish":
        Page.objects.get(pk=int(rest)).specific.unpublish()
        return {}
    if command == "draft":
        page_id, title = rest.split(" ", 1)
        page = Page.objects.get(pk=int(page_id)).specific
        page.title = title
        page.save_revision()
        return {}
    raise ValueError(command)


print(json.dumps({"ready": True}), flush=True)
for line in sys.stdin:
    command, _, rest = line.strip().partition(" ")
    print(json.dumps(run(command, rest)), flush=True)
