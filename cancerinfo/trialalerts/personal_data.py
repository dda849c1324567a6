"""The personal data this app keeps, for the privacy notice (core/personal_data.py): with the settings its purge job
deletes by (services.purge_expired), so the notice shows the periods the job really uses."""

from cancerinfo.core.personal_data import PersonalDataKind, register


def register_personal_data() -> None:
    register(
        PersonalDataKind(
            key="trialalerts.alerts",
            what="Clinical trial alerts: your e-mail address, the first part of your postcode (like LS1) and one "
            "cancer type (never your full postcode or your name)",
            why="To e-mail you when a clinical trial for that cancer type opens near you",
            who="Our technical staff and the people who run the service, to delete an alert if you ask",
            setting="TRIAL_ALERTS_RETENTION_DAYS",
            after="after you confirm it, or at once when you unsubscribe; an alert you never confirm is deleted "
            "after {TRIAL_ALERTS_CONFIRM_DAYS} days",
            order=45,
        )
    )
