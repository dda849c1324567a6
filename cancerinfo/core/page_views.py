"""Routable pages hand their sub-addresses to views without importing them.

A page type's models module declares a `PageViews` table and each route method calls `table.serve(name, ...)`; the
app's views module fills the table (`@table.view("basket")`), and the app's `ready()` imports the views, so the
table is full before the first request. The models never import the views (which import the models): no cycle.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured


class PageViews:
    """The views behind one page type's routes, by route name."""

    def __init__(self, page_type: str):
        self.page_type = page_type
        self._views: dict[str, Callable] = {}

    def view(self, name: str):
        """Decorator: this function answers the route `name`, called as function(request, page, *args)."""

        def register(function: Callable) -> Callable:
            if self._views.get(name, function) is not function:
                raise ImproperlyConfigured(f"Two views for the {self.page_type}'s route {name!r}")
            self._views[name] = function
            return function

        return register

    def serve(self, name: str, request, page, *args, **kwargs):
        try:
            function = self._views[name]
        except KeyError:
            raise ImproperlyConfigured(
                f"No view for the {self.page_type}'s route {name!r}: does its app's ready() import its views?"
            ) from None
        return function(request, page, *args, **kwargs)

    def names(self) -> set[str]:
        return set(self._views)
