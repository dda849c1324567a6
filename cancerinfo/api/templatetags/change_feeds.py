"""{% change_feed_links page %}: <link rel="alternate"> to the "What's changed" feeds (api/feeds.py), so feed
readers find them: the site's on every page, and a booklet's on the booklet and its sections. No query: a section's
booklet comes from its context."""

from django import template
from django.utils.html import format_html_join
from django.utils.translation import gettext as _

register = template.Library()

FORMATS = (("application/atom+xml", "atom", "Atom"), ("application/feed+json", "json", "JSON Feed"))


@register.simple_tag(takes_context=True)
def change_feed_links(context, page=None):
    # The titles are in the page's language (feed readers show them); the feeds' own entries stay in English.
    links = [
        (kind, _("Recent changes (%(format)s)") % {"format": label}, f"/api/v1/changes.{suffix}")
        for kind, suffix, label in FORMATS
    ]
    booklet = None
    if page is not None and page.__class__.__name__ == "BookletPage":
        booklet = page
    elif page is not None and page.__class__.__name__ == "BookletSectionPage":
        booklet = context.get("booklet")
    if booklet is not None and getattr(booklet, "pk", None):
        links += [
            (
                kind,
                _("Recent changes: %(title)s (%(format)s)") % {"title": booklet.title, "format": label},
                f"/api/v1/booklets/{booklet.pk}/changes.{suffix}",
            )
            for kind, suffix, label in FORMATS
        ]
    return format_html_join("\n  ", '<link rel="alternate" type="{}" title="{}" href="{}">', links)
