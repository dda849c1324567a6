from django.urls import path

from . import views

app_name = "chat"

urlpatterns = [
    path("", views.chat_page, name="page"),
    path("api/status/", views.status, name="status"),
    path("api/start/", views.start, name="start"),
    path("api/poll/", views.poll, name="poll"),
    path("api/send/", views.send, name="send"),
    path("api/typing/", views.typing, name="typing"),
    path("api/leave/", views.leave, name="leave"),
    path("api/transcript/", views.transcript, name="transcript"),
    path("api/email-transcript/", views.email_transcript, name="email_transcript"),
]
