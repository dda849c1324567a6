"""`manage.py check --deploy`: a malformed backup key, or one that is also an enquiry key, is an error; no backup
key where the worker makes the backups is a warning (app servers that do not back up need none)."""

import base64
import binascii

from django.conf import settings
from django.core import checks

from .encryption import BackupKeyError, parse_keys


@checks.register(checks.Tags.security, deploy=True)
def backup_key(app_configs=None, **kwargs):
    if settings.DEBUG:
        return []
    try:
        keys = parse_keys(settings.BACKUP_ENCRYPTION_KEY)
    except BackupKeyError as exc:
        return [checks.Error(str(exc), hint="Make one as docs/deployment.md section 7 says.", id="backups.E001")]
    enquiry = set()
    for part in (settings.ENQUIRY_ENCRYPTION_KEY or "").split(","):
        try:
            enquiry.add(base64.urlsafe_b64decode(part.strip().encode()))
        except (binascii.Error, ValueError):
            continue
    if enquiry & set(keys):
        return [
            checks.Error(
                "BACKUP_ENCRYPTION_KEY is also an enquiry key: one leaked secret would open people's questions.",
                hint="Make a separate backup key (docs/deployment.md section 7).",
                id="backups.E002",
            )
        ]
    if not keys and settings.BACKUP_ON_WORKER:
        return [
            checks.Warning(
                "BACKUP_ENCRYPTION_KEY is not set, so the scheduled backup on the worker will fail.",
                hint="Set it (docs/deployment.md section 7), or BACKUP_ON_WORKER=false where another machine backs up.",
                id="backups.W001",
            )
        ]
    return []
