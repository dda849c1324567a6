"""The personal data this app keeps, for the privacy notice (core/personal_data.py): each with the setting its
purge job deletes by, so the notice shows the period the job really uses."""

from cancerinfo.core.personal_data import PersonalDataKind, register


def register_personal_data() -> None:
    register(
        PersonalDataKind(
            key="jobs.emails",
            what="A record that we sent you an e-mail (the address and when; never the text)",
            why="To make sure each e-mail is sent once, and to find problems",
            who="Our technical staff",
            setting="EMAIL_SENT_RETENTION_DAYS",
            after="after it was sent",
            order=80,
        )
    )
