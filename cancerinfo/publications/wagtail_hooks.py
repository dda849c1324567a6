"""Admin: publication records as snippets, and the fulfilment screens (only for the Fulfilment group)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import admin_views
from .models import Publication


class PublicationViewSet(SnippetViewSet):
    model = Publication
    icon = "doc-full"
    menu_label = "Publications"
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["title", "code", "edition_date", "stock_count", "out_of_print"]
    list_filter = ["out_of_print", "large_print", "easy_read"]
    search_fields = ["title", "code"]
    ordering = ["title"]


register_snippet(PublicationViewSet)


@hooks.register("register_admin_urls")
def register_fulfilment_urls():
    return [
        path("publications/orders/", admin_views.order_list, name="publications_orders"),
        path("publications/orders/<int:pk>/", admin_views.order_detail, name="publications_order"),
    ]


class FulfilmentMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_fulfilment_menu_item():
    return FulfilmentMenuItem("Orders", reverse("publications_orders"), icon_name="list-ul", order=260)
