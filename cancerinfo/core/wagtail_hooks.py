from wagtail import hooks

from .links import PageLinkHandler


@hooks.register("register_rich_text_features", order=100)  # after Wagtail's own "page" link type, replacing it
def fast_page_links(features):
    features.register_link_type(PageLinkHandler)
