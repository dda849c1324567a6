from django.urls import path

from . import admin_views

app_name = "chat_admin"

urlpatterns = [
    path("", admin_views.console, name="console"),
    path("switch/", admin_views.switch, name="switch"),
    path("history/", admin_views.history, name="history"),
    path("links/", admin_views.link_search, name="links"),
    path("<int:pk>/", admin_views.transcript, name="transcript"),
    path("<int:pk>/pick-up/", admin_views.pick_up, name="pick_up"),
    path("<int:pk>/transfer/", admin_views.transfer, name="transfer"),
    path("<int:pk>/emergency/", admin_views.emergency, name="emergency"),
    path("<int:pk>/end/", admin_views.end, name="end"),
    path("<int:pk>/checked/", admin_views.supervisor_checked, name="checked"),
]
