from wagtail import hooks

from .page_cache import depends_on


@hooks.register("before_serve_page")
def remember_served_page(page, request, serve_args, serve_kwargs):
    """The page behind this response, for keeping its rendering (delivery/rendering.py), and the versions of what
    it shows beyond its own place in the tree, if its type declares them (e.g. an index page listing booklets)."""
    request.served_page = page
    declared = getattr(page, "cache_dependencies", None)
    if declared is not None:
        depends_on(request, *declared())
