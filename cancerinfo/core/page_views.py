"""Routable pages hand their sub-addresses to views without importing them.

A page type's models module declares a `PageViews` table and each route method calls `table.serve(name, ...)`; the
app's views module fills the table (`@table.view("basket")`), and the app's `ready()` imports the views, so the
table is full before the first request. The models never import the views (which import the models): no cycle.

Another app may also add a sub-address of its own to a page type (`table.add_route("prescription/", view, "builder")`
from its `ready()`), and the page type lists `table.added_urls()` in `get_subpage_urls()`: the page needs none of
that app's code.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.urls import path as django_path


class PageViews:
    """The views behind one page type's routes, by route name."""

    def __init__(self, page_type: str):
        self.page_type = page_type
        self._views: dict[str, Callable] = {}
        self._added_urls: list = []

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

    def add_route(self, route: str, function: Callable, name: str) -> None:
        """Answer the page's address + route with function(request, page, **kwargs): for routes another app adds."""
        self.view(name)(function)

        def as_method(page, request, *args, **kwargs):
            return self.serve(name, request, page, *args, **kwargs)

        self._added_urls.append(django_path(route, as_method, name=name))

    def added_urls(self) -> tuple:
        """The routes added with add_route(), for the page type's get_subpage_urls()."""
        return tuple(self._added_urls)

    def names(self) -> set[str]:
        return set(self._views)
