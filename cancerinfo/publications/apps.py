from django.apps import AppConfig


class PublicationsConfig(AppConfig):
    name = "cancerinfo.publications"
    label = "publications"
    verbose_name = "Printed publications"

    def ready(self):
        from .personal_data import register_personal_data

        register_personal_data()  # for the privacy notice (core/personal_data.py)

        from cancerinfo.core.outputs import Output, register_output

        # What this app prints and e-mails: each carries the service's name, helpline and charity (core/outputs.py).
        register_output(Output("publications.booklet_pdf", "A booklet's PDF", "publications/pdf/booklet.html"))
        register_output(
            Output(
                "publications.packing_slip", "The packing slip in each parcel", "publications/pdf/packing_slips.html"
            )
        )
        register_output(
            Output(
                "publications.order_confirmation",
                "The e-mail confirming an order",
                "publications/email/order_confirmation.txt",
            )
        )

        from .boxes import register_boxes

        register_boxes()  # the boxes this app offers to other pages (core/boxes.py)

        from . import signals, views  # noqa: F401  (views fill the catalogue page's route table)
