"""The personal data this app keeps, for the privacy notice (core/personal_data.py): each with the setting its
purge job deletes by, so the notice shows the period the job really uses."""

from cancerinfo.core.personal_data import YEARS, PersonalDataKind, register


def register_personal_data() -> None:
    register(
        PersonalDataKind(
            key="donations.donors",
            what="Your name, address and e-mail address when you give money",
            why="To take your gift, thank you and send a receipt",
            who="Our fundraising staff",
            setting="DONATIONS_PERSONAL_DATA_RETENTION_DAYS",
            after="after your last gift (while a monthly gift runs, we keep them)",
            order=30,
        )
    )
    register(
        PersonalDataKind(
            key="donations.gift_aid",
            what="Your Gift Aid declaration",
            why="The law requires us to keep it to claim Gift Aid from HMRC",
            who="Our fundraising staff and HMRC",
            setting="DONATIONS_GIFT_AID_RETENTION_YEARS",
            unit=YEARS,
            after="after the last gift it covers",
            order=31,
        )
    )
