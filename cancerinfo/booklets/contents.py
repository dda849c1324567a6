"""The booklet's contents list beside every section, kept as a fragment until the booklet changes
(delivery/fragments.py), so readers the page cache cannot serve get it without the queries behind it."""

from cancerinfo.delivery.fragments import render_fragment
from cancerinfo.delivery.invalidation import tree_of


def contents_list(request, booklet, sections, current) -> str:
    """The numbered sections with the current one marked."""
    return render_fragment(
        request,
        "booklet-contents",
        (booklet.pk, current.pk, booklet.url_path),
        "booklets/_contents.html",
        lambda: {"booklet": booklet, "sections": sections, "page": current},
        depends_on=(tree_of(booklet),),
    )
