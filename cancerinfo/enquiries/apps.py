from django.apps import AppConfig


class EnquiriesConfig(AppConfig):
    name = "cancerinfo.enquiries"
    label = "enquiries"
    verbose_name = "Enquiries"

    def ready(self):
        from .personal_data import register_personal_data

        register_personal_data()  # for the privacy notice (core/personal_data.py)

        from cancerinfo.core.outputs import PUBLIC, STAFF, Output, register_output

        # What this app e-mails (core/outputs.py): the public's carry the service's name, helpline and charity.
        for key, what, template, audience in [
            ("acknowledgement", "We have your question", "acknowledgement.txt", PUBLIC),
            ("reply", "The nurses' reply", "reply.txt", PUBLIC),
            ("contact_acknowledgement", "Thank you for your message", "contact_acknowledgement.txt", PUBLIC),
            ("nurse_notification", "A new question has arrived (to the nurses)", "nurse_notification.txt", STAFF),
            ("contact_message", "A contact form message (to the team)", "contact_message.txt", STAFF),
        ]:
            register_output(Output(f"enquiries.{key}", what, f"enquiries/email/{template}", audience))

        from . import views  # noqa: F401  (views fill the page's route table)
