from django.apps import AppConfig


class ChatConfig(AppConfig):
    name = "cancerinfo.chat"
    label = "chat"
    verbose_name = "Live chat"

    def ready(self):
        from cancerinfo.core.outputs import PUBLIC, Output, register_output
        from cancerinfo.delivery.rendering import register_hole

        from .personal_data import register_personal_data
        from .views import chat_offer_html, offer_changes_in

        register_personal_data()  # for the privacy notice (core/personal_data.py)
        register_output(Output("chat.transcript", "Your chat with our nurses", "chat/email/transcript.txt", PUBLIC))
        # "Chat to a nurse" on every page while the nurses are online: the same for every reader at a given moment,
        # and no cache keeps a page showing it past the helpline's next change (delivery/rendering.py).
        register_hole("chat_offer", chat_offer_html, changes_in=offer_changes_in)
