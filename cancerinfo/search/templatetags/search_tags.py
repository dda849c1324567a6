from django import template

register = template.Library()


@register.inclusion_tag("search/booklet_search_box.html")
def booklet_search_box(booklet):
    """A small "Search this booklet" form: the site search, limited to this booklet's pages."""
    return {"booklet": booklet}
