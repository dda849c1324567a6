"""The personal data this app keeps, for the privacy notice (core/personal_data.py): each with the setting its
purge job deletes by, so the notice shows the period the job really uses."""

from cancerinfo.core.personal_data import PersonalDataKind, register


def register_personal_data() -> None:
    register(
        PersonalDataKind(
            key="enquiries.questions",
            what="Questions you send our nurses, with your name and contact details",
            why="So a nurse can answer you",
            who="Our cancer nurses",
            setting="ENQUIRY_RETENTION_DAYS",
            after="after your question is closed, then your details are removed",
            order=10,
        )
    )
