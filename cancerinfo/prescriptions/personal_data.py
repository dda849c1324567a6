"""The personal data this app keeps, for the privacy notice (core/personal_data.py): with the settings its purge job
deletes by (retention.py), so the notice shows the periods the job really uses."""

from cancerinfo.core.personal_data import PersonalDataKind, register


def register_personal_data() -> None:
    register(
        PersonalDataKind(
            key="prescriptions.prescriptions",
            what="Information prescriptions: the pages a health professional chose for you, and any note they wrote "
            "with their name and job title (never your name or contact details)",
            why="So you can open the information your health professional chose, on screen or printed",
            who="Anyone with the prescription's link or code, and the health professional who made it",
            setting="PRESCRIPTION_LIFETIME_DAYS",
            after="from when it is made, then its link stops working; we delete it "
            "{PRESCRIPTION_RETENTION_DAYS} days later (or that long after it is withdrawn)",
            order=40,
        )
    )
