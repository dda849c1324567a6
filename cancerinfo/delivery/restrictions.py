"""Private areas (Wagtail's page view restrictions) read from a per-process table instead of a query per listing.

Wagtail asks the database for every restriction each time a listing says `.public()` and twice more when it
serves a page (the page's ancestors, then their restrictions), although a site has a handful of private areas or
none. The table below holds their paths, and the paths of alias pages (whose restrictions Wagtail takes from the
original page), and moves on with the "restrictions" version: any restriction saved or deleted, any page moved,
deleted or made an alias. install() hands Wagtail these answers; they are the same ones it would find itself.
"""

from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet
from wagtail.signals import post_page_move

from . import versions

VERSION = "restrictions"


def _build() -> dict:
    return {
        "private": tuple(PageViewRestriction.objects.values_list("page__path", "page__depth").distinct()),
        "aliases": tuple(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)),
    }


def private_areas() -> tuple[tuple[str, int], ...]:
    """(path, depth) of each page with a view restriction: it and everything under it are private."""
    return versions.table(VERSION, [VERSION], _build)["private"]


def in_private_area(path: str) -> bool:
    """Is the page at this tree path a private one, or under one?"""
    return any(path.startswith(private) for private, _depth in private_areas())


def _aliases() -> tuple[str, ...]:
    return versions.table(VERSION, [VERSION], _build)["aliases"]


def _private_q(self) -> Q:
    q = Q()
    for path, depth in private_areas():
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])  # as Wagtail's: match no page when nothing is private


_wagtail_get_view_restrictions = Page.get_view_restrictions


def _get_view_restrictions(self):
    under = self.path or ""
    if self.alias_of_id or any(under.startswith(path) for path in _aliases()):
        return _wagtail_get_view_restrictions(self)
    if not in_private_area(under):
        return PageViewRestriction.objects.none()
    return _wagtail_get_view_restrictions(self)


def _restrictions_changed(sender, instance=None, **kwargs) -> None:
    if sender is PageViewRestriction or isinstance(instance, Page):
        versions.bump(VERSION)


def _page_saved(sender, instance, created=False, **kwargs) -> None:
    if isinstance(instance, Page) and instance.alias_of_id and created:
        versions.bump(VERSION)


def install() -> None:
    PageQuerySet.private_q = _private_q
    Page.get_view_restrictions = _get_view_restrictions
    post_save.connect(_restrictions_changed, sender=PageViewRestriction, dispatch_uid="restrictions-saved")
    post_delete.connect(_restrictions_changed, dispatch_uid="restrictions-deleted")
    post_page_move.connect(_restrictions_changed, dispatch_uid="restrictions-moved")
    post_save.connect(_page_saved, dispatch_uid="restrictions-alias")
