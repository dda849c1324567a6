"""The personal data this app keeps, for the privacy notice (core/personal_data.py): each with the setting its
purge job deletes by, so the notice shows the period the job really uses."""

from cancerinfo.core.personal_data import PersonalDataKind, register


def register_personal_data() -> None:
    register(
        PersonalDataKind(
            key="backups.copies",
            what="Backup copies of everything above",
            why="To restore the service if something goes wrong",
            who="Our technical staff",
            setting="BACKUP_RETENTION_DAYS",
            after="after the copy was made",
            order=90,
        )
    )
