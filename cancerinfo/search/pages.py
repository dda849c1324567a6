"""Search documents for every live page no other app describes: home, areas, service pages (see registry.py).

The search app registers this source itself: the pages are Wagtail's, so `core` need not know search exists.
"""

from wagtail.models import Page

from .registry import claimed_page_types, page_document, register_kind, register_source

register_kind("page", "Pages and services", prior=1.0, order=5)


@register_source("pages", incremental=True)
def documents(pages=None):
    claimed = claimed_page_types()
    live = Page.objects.live().public().filter(depth__gt=1)
    if pages is not None:
        live = live.filter(pk__in=pages)
    unclaimed = [
        pk
        for pk, app_label, model in live.values_list("pk", "content_type__app_label", "content_type__model")
        if f"{app_label}.{model}" not in claimed
    ]
    for page in Page.objects.filter(pk__in=unclaimed).specific().order_by("path"):
        yield page_document(page)
