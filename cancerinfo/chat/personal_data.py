"""The personal data the live chat keeps, for the privacy notice (core/personal_data.py)."""

from cancerinfo.core.personal_data import PersonalDataKind, register


def register_personal_data() -> None:
    register(
        PersonalDataKind(
            key="chat.transcripts",
            what="What you write in a live chat with our nurses, and your e-mail address if you give it",
            why="So a nurse can answer you, and send you the chat if you ask",
            who="Our cancer nurses",
            setting="CHAT_RETENTION_DAYS",
            after="after the chat ends, then what you wrote is deleted",
            order=11,
        )
    )
