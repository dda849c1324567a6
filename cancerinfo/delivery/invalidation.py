"""What a change drops: only what readers see changing, and only the pages that show it.

- Publishing, unpublishing, moving or deleting a page moves the versions of its own addresses ("tree:<url>": the
  page, its routes such as a booklet's all/, and the pages under it, whose breadcrumbs show its title), of its
  parent's address ("exact:<url>": the listing it appears in), and whatever the page's app says also shows it
  (`affected` below: a section's siblings show it in their contents list; a question appears in related-questions
  boxes). Those addresses are purged from nginx or a CDN (Wagtail's front-end cache), then warmed in the
  background so the first reader does not pay for the render.
- Saving a snippet or a setting that pages show (navigation, helpline, glossary terms, images...) moves "content":
  every page shows the header, so every page is rebuilt.
- Drafts, revisions, workflow steps, orders, enquiries, feedback and other records of visitors' own actions move
  nothing (settings.PAGE_CACHE_IGNORED_MODELS; Wagtail's own bookkeeping is ignored as a whole).
"""

import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from cancerinfo.core.bulk import bulk_content_changed

from . import versions

logger = logging.getLogger(__name__)

# Apps add what else a page change touches: receivers get `page` and return an iterable of version names
# (e.g. "tree:/cancer-types/bone/" or "questions") and may return (names, extra addresses to purge and warm).
affected = Signal()

# Wagtail's own rows that readers see: sites (addresses), view restrictions (what is public), locales.
WAGTAILCORE_SHOWN = {"wagtailcore.site", "wagtailcore.pageviewrestriction", "wagtailcore.locale"}
# Rows made while pages render or editors work, never shown as such.
ALWAYS_IGNORED = {"wagtailimages.rendition", "wagtaildocs.uploadeddocument", "wagtailimages.uploadedimage"}


def tree(url: str) -> str:
    return f"tree:{url}"


def tree_of(page) -> str:
    """The tree version of a page's addresses (a placeholder name for no page)."""
    if page is None or not getattr(page, "url_path", None):
        return tree("-")
    return tree(_relative_url(page) or page.url_path)


def exact(url: str) -> str:
    return f"exact:{url}"


def path_versions(path: str) -> list[str]:
    """The versions a page at this address is built from: every address above it (and itself) as a tree, and the
    address itself exactly."""
    parts = [part for part in path.split("/") if part]
    prefixes = ["/"] + ["/" + "/".join(parts[:n]) + "/" for n in range(1, len(parts) + 1)]
    return [versions.CONTENT] + [tree(prefix) for prefix in prefixes] + [exact(prefixes[-1])]


def _relative_url(page: Page, url_path: str | None = None) -> str | None:
    """The page's address below its site root, from its url_path (works for moved and deleted pages too)."""
    url_path = url_path or page.url_path
    for _site_id, root_path, _root_url, _language in Site.get_site_root_paths():
        if url_path.startswith(root_path):
            return "/" + url_path[len(root_path) :]
    return None


def _sites_urls(relative: list[str]) -> list[str]:
    """Full addresses (on every site) for front-end cache purges."""
    roots = {root_url for _id, _path, root_url, _language in Site.get_site_root_paths() if root_url}
    return sorted({f"{root.rstrip('/')}{path}" for root in roots for path in relative})


def page_changed(page: Page, old_url_path: str | None = None) -> tuple[list[str], list[str]]:
    """Move the versions of what this page change touches; returns (versions moved, addresses touched)."""
    names = [versions.PAGES]
    addresses = []
    for url_path in filter(None, {page.url_path, old_url_path}):
        url = _relative_url(page, url_path)
        if url is None:
            continue
        parent = url.rstrip("/").rsplit("/", 1)[0] + "/"
        names += [tree(url), exact(parent)]
        if old_url_path and url_path == old_url_path:
            names.append(tree(parent))  # moved away: what the old parent shows of its children (a contents list)
        addresses += [url, parent]
    if page.pk in navigation_page_ids():
        names.append(versions.CONTENT)  # the header shows its title on every page
    for _receiver, result in affected.send(sender=type(page), page=page):
        if not result:
            continue
        if isinstance(result, tuple):
            more_names, more_addresses = result
            names += list(more_names)
            addresses += list(more_addresses)
        else:
            names += list(result)
    versions.bump(*names)
    return names, list(dict.fromkeys(addresses))


def navigation_page_ids() -> set[int]:
    """Pages linked from the header navigation of any site (raw stream data: no page objects loaded)."""
    from cancerinfo.core.models import SiteSettings

    ids = set()
    for row in SiteSettings.objects.values("primary_navigation", "cancer_information_navigation", "footer_navigation"):
        for stream in row.values():
            for block in stream.raw_data if hasattr(stream, "raw_data") else (stream or []):
                value = block.get("value") or {}
                if isinstance(value, dict) and isinstance(value.get("page"), int):
                    ids.add(value["page"])
    return ids


def _after_page_change(page: Page, old_url_path: str | None = None) -> None:
    _names, addresses = page_changed(page, old_url_path)
    urls = _sites_urls(addresses)
    transaction.on_commit(lambda: _purge_and_warm(urls))


def _purge_and_warm(urls: list[str]) -> None:
    if getattr(settings, "WAGTAILFRONTENDCACHE", None):
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        try:
            purge_urls_from_cache(urls)
        except Exception:  # a front-end cache that is down must never fail a publish
            logger.exception("Could not purge %s from the front-end cache", urls)
    # Warming fills the page cache and the renderings kept in the database (delivery/rendering.py).
    warm = settings.PAGE_CACHE_SECONDS or settings.STORED_RENDERING
    if getattr(settings, "PAGE_CACHE_WARM_ON_PUBLISH", False) and warm:
        from .tasks import warm_pages

        try:
            warm_pages.enqueue(urls)
        except Exception:
            logger.exception("Could not enqueue warming %s", urls)


def _published(sender, instance, **kwargs) -> None:
    _after_page_change(instance)


def _moved(sender, instance, url_path_before=None, url_path_after=None, **kwargs) -> None:
    _after_page_change(instance, old_url_path=url_path_before)


def _deleted(sender, instance, **kwargs) -> None:
    if isinstance(instance, Page):
        if instance.live:
            _after_page_change(instance)
        return
    _model_changed(sender)


def _saved(sender, instance=None, update_fields=None, raw=False, **kwargs) -> None:
    if isinstance(instance, Page):
        if raw:
            # Loading a fixture or restoring data: the sites may not be back yet, so working out which tree the
            # page sits in would read (and Wagtail would cache) an empty list of site roots. Everything moves.
            versions.bump(versions.PAGES)
            return
        # Saves of some fields only are a draft's revision, its title, a lock: publishing says when readers see
        # it. A whole live page saved by code (an import) is a change readers see.
        if update_fields is None and instance.live and instance.pk:
            versions.bump(versions.PAGES, tree_of(instance))
        return
    _model_changed(sender)


def _model_changed(sender, **kwargs) -> None:
    meta = sender._meta
    label = meta.label_lower
    if meta.app_label not in settings.PAGE_CACHE_CONTENT_APPS or label in ALWAYS_IGNORED:
        return
    if label in settings.PAGE_CACHE_IGNORED_MODELS:
        return
    if meta.app_label == "wagtailcore" and label not in WAGTAILCORE_SHOWN:
        return  # revisions, workflow states, log entries, comments: editors' work, not what readers see
    versions.bump(versions.CONTENT)


def connect() -> None:
    page_published.connect(_published, dispatch_uid="invalidation-published")
    page_unpublished.connect(_published, dispatch_uid="invalidation-unpublished")
    post_page_move.connect(_moved, dispatch_uid="invalidation-moved")
    post_save.connect(_saved, dispatch_uid="invalidation-saved")
    post_delete.connect(_deleted, dispatch_uid="invalidation-deleted")
    bulk_content_changed.connect(_model_changed, dispatch_uid="invalidation-bulk")
