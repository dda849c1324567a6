from wagtail import hooks

from .links import PageLinkHandler


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own "page" link type, replacing it
def fast_page_links(features):
    features.register_link_type(PageLinkHandler)


@hooks.register("before_serve_page")
def remember_served_page(page, request, serve_args, serve_kwargs):
    """The page behind this response, for keeping its rendering (core/rendering.py)."""
    request.served_page = page
