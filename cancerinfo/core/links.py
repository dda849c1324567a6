"""Links to pages inside rich text, resolved in one query however many there are.

Wagtail's own handler fetches the linked pages as their specific types: one query for the list, then one per page
type. An address needs only the page's url_path, so the plain pages do, except for a page type that builds its
addresses its own way (overrides get_url_parts), which is fetched as itself.
"""

from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler as WagtailPageLinkHandler


class PageLinkHandler(WagtailPageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list: list[dict]) -> list:
        ids = [attrs.get("id") for attrs in attrs_list]
        pages = {str(page.pk): page for page in Page.objects.filter(id__in=[i for i in ids if i]).defer_streamfields()}
        for key, page in pages.items():
            if page.specific_class is not None and page.specific_class.get_url_parts is not Page.get_url_parts:
                pages[key] = page.specific
        return [pages.get(str(i)) for i in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list: list[dict]) -> list[str]:
        return [f'<a href="{escape(page.localized.url)}">' if page else "<a>" for page in cls.get_many(attrs_list)]
