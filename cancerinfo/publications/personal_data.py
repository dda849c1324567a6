"""The personal data this app keeps, for the privacy notice (core/personal_data.py): each with the setting its
purge job deletes by, so the notice shows the period the job really uses."""

from cancerinfo.core.personal_data import PersonalDataKind, register


def register_personal_data() -> None:
    register(
        PersonalDataKind(
            key="publications.orders",
            what="Your name and postal address when you order printed booklets",
            why="To post your booklets",
            who="The staff who pack and post orders",
            setting="PUBLICATIONS_ADDRESS_RETENTION_DAYS",
            after="after your order is sent",
            order=20,
        )
    )
