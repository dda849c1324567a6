"""Template helpers: the "Order or download" link on booklet pages, form fields with errors, generated covers."""

import hashlib

from django import template

from ..links import links_table

register = template.Library()

# Calm, high-contrast cover colours (white text passes WCAG AA on each), as classes pub-cover--colour-0... in
# publications.css: the Content-Security-Policy allows no inline style attributes.
COVER_COLOURS = ["#4b2a82", "#00703c", "#1d4f91", "#8a1538", "#5c4a00", "#005a5b"]


@register.inclusion_tag("publications/tags/order_link.html")
def order_or_download_link(booklet):
    """A link from a booklet (or its section pages) to its publication: order in print or download the PDF."""
    if booklet is None or not getattr(booklet, "pk", None):
        return {"url": ""}
    table = links_table()
    catalogue = table["catalogue"]
    if catalogue is None:
        return {"url": ""}
    publication = table["latest"].get(booklet.pk)
    if publication is not None:
        url = catalogue.route_url("detail", code=publication.code)
    else:
        url = catalogue.route_url("booklet_downloads", booklet_id=booklet.pk)
    return {"url": url, "publication": publication, "booklet": booklet}


@register.filter
def cover_colour(publication) -> str:
    """The class of the generated cover's colour, the same for a publication every time."""
    digest = hashlib.sha256(str(getattr(publication, "code", publication)).encode()).digest()
    return f"pub-cover--colour-{digest[0] % len(COVER_COLOURS)}"


@register.simple_tag
def form_field(field, css_class: str = "pub-form-input"):
    """Render a field's widget tied to its hint and error message (aria-describedby), marked invalid on error."""
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
    attrs = {"class": css_class + (" pub-form-input--error" if field.errors else "")}
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def first_widget_id(field) -> str:
    """The id to link to from the error summary (the first radio button of a group)."""
    subwidgets = list(field.subwidgets)
    if len(subwidgets) > 1:
        return subwidgets[0].id_for_label
    return field.auto_id
