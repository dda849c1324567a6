"""Find the page for an address in two queries, whatever its depth.

Wagtail walks the tree one level at a time: two queries per level (the child by slug, then its specific type), so
a booklet section four levels down costs eight before anything is rendered. Here one query reads every page on
the way (by url_path) and one more the addressed page as its own type. Where a page on the way could answer the
rest of the address itself (a RoutablePageMixin route such as a booklet's all/), or anything looks unusual,
Wagtail's own routing decides, so the answer is always the one Wagtail would give.
"""

from django.contrib.contenttypes.models import ContentType
from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def _claims(model, live: bool, remaining: list[str]) -> bool:
    """Would this page, on the way to the addressed one, answer the remaining address with one of its own routes?"""
    if not (live and issubclass(model, RoutablePageMixin)):
        return False
    try:
        model.get_resolver().resolve("/" + "".join(f"{part}/" for part in remaining))
    except Resolver404:
        return False
    return True


def find(root: Page, request, path_components: list[str]):
    """The route result for path_components under root, or None to let Wagtail's routing decide."""
    if isinstance(root, RoutablePageMixin):
        return None
    prefixes = [
        root.url_path + "".join(f"{part}/" for part in path_components[:n]) for n in range(1, len(path_components) + 1)
    ]
    pages = list(
        Page.objects.filter(url_path__in=prefixes, path__startswith=root.path, depth__gt=root.depth).order_by("depth")
    )
    by_url: dict[str, Page] = {}
    for page in pages:
        if page.url_path in by_url:
            return None  # two pages at one address (different sites): Wagtail decides
        by_url[page.url_path] = page
    chain = [root]
    for n, prefix in enumerate(prefixes):
        page = by_url.get(prefix)
        if page is None or page.path[: -Page.steplen] != chain[-1].path:
            return None  # no such page, or a parent route answers: Wagtail decides (and says 404)
        model = ContentType.objects.get_for_id(page.content_type_id).model_class()
        if model is None or (n + 1 < len(prefixes) and _claims(model, page.live, path_components[n + 1 :])):
            return None
        chain.append(page)
    target = chain[-1]
    model = ContentType.objects.get_for_id(target.content_type_id).model_class()
    specific = model.objects.get(pk=target.pk) if model is not Page else target
    specific._cached_parent_obj = chain[-2]
    # The pages on the way, for breadcrumbs and a section's booklet: no query for them later.
    request.page_ancestors = chain[:-1]
    return specific.route(request, [])


class FastRoutingMixin:
    """For the site's root page: its descendants are found in two queries."""

    def route(self, request, path_components):
        if path_components:
            result = find(self, request, path_components)
            if result is not None:
                return result
        return super().route(request, path_components)
