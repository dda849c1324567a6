"""The personal data this app keeps, for the privacy notice (core/personal_data.py): a partner's contact e-mail
address (and any name in the notes), with the setting its purge job (retention.py) deletes by."""

from cancerinfo.core.personal_data import PersonalDataKind, register


def register_personal_data() -> None:
    register(
        PersonalDataKind(
            key="partners.contacts",
            what="If your organisation reuses our content through our API: a contact e-mail address for its key, "
            "and how many requests the key makes each day (never what was asked for)",
            why="To tell you about changes to the API or its terms, and to keep the service fair for everyone",
            who="Our technical staff",
            setting="PARTNER_CONTACT_RETENTION_DAYS",
            after="after the key is revoked",
            order=90,
        )
    )
