"""The keys a restore needs, checked before anything is written.

A backup holds enquiries encrypted with ENQUIRY_ENCRYPTION_KEY, which is never in the backup. So the manifest keeps
the fingerprints of the enquiry keys in use, a canary (a known text encrypted with the current enquiry key) and a
few enquiry fields exactly as stored: a restore decrypts them all with the keys it has, or refuses to start.
"""

import base64
import hashlib

from django.apps import apps

from cancerinfo.deployment import crypto

from .encryption import BackupKeyError

CANARY = "CancerInfo backup canary: if you can read this, the enquiry key is right."
ENQUIRY_KEY_SETTING = "ENQUIRY_ENCRYPTION_KEY"
SAMPLES_PER_FIELD = 2


class EnquiryKeyError(Exception):
    """The enquiry key(s) configured cannot read the enquiries in this backup."""


def enquiry_key_fingerprints() -> list[str]:
    return [hashlib.sha256(b"cancerinfo-enquiry-key:" + key).hexdigest()[:16] for key in crypto._keys()]


def enquiry_keys_raw() -> list[bytes]:
    return list(crypto._keys())


def _encrypted_fields():
    from cancerinfo.deployment.fields import EncryptedTextField

    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, EncryptedTextField):
                yield model, field


def stored_samples() -> list[str]:
    """The oldest and newest stored value of each encrypted field, still encrypted (as in the database copy)."""
    from django.db import connection

    quote = connection.ops.quote_name
    samples: list[str] = []
    with connection.cursor() as cursor:
        for model, field in _encrypted_fields():
            table, column, pk = quote(model._meta.db_table), quote(field.column), quote(model._meta.pk.column)
            for direction in ("ASC", "DESC"):
                cursor.execute(
                    f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL AND {column} <> '' "  # noqa: S608
                    f"ORDER BY {pk} {direction} LIMIT 1"
                )
                row = cursor.fetchone()
                if row and row[0] not in samples:
                    samples.append(row[0])
    return samples


def key_record() -> dict:
    return {
        "enquiry_key_fingerprints": enquiry_key_fingerprints(),
        "canary": crypto.encrypt(CANARY),
        "samples": stored_samples(),
    }


def check_enquiry_keys(record: dict) -> int:
    """Decrypt the canary and every sample with the configured keys; return how many were read."""
    needed = ", ".join(record.get("enquiry_key_fingerprints", [])) or "unknown"
    try:
        have = ", ".join(enquiry_key_fingerprints())
    except Exception as exc:  # ImproperlyConfigured: missing or malformed
        raise EnquiryKeyError(
            f"{ENQUIRY_KEY_SETTING} is missing or malformed ({exc}). This backup needs the enquiry key(s) {needed}."
        ) from exc
    tokens = [record["canary"], *record.get("samples", [])]
    for token in tokens:
        try:
            text = crypto.decrypt(token)
        except ValueError as exc:
            raise EnquiryKeyError(
                f"{ENQUIRY_KEY_SETTING} cannot read the enquiries in this backup. It holds the key(s) {have}; the "
                f"backup was made with {needed}. Put those keys in {ENQUIRY_KEY_SETTING} (newest first) and try "
                "again. Without them, people's questions in this backup cannot be read by anyone."
            ) from exc
        if token == record["canary"] and text != CANARY:
            raise EnquiryKeyError("The backup's enquiry key canary reads wrong: the backup is not trustworthy.")
    return len(tokens)


def check_keys_are_separate(backup_keys: list[bytes]) -> None:
    """A backup key that is also an enquiry key would let one stolen secret read everything."""
    if {base64.urlsafe_b64decode(key) for key in enquiry_keys_raw()} & set(backup_keys):
        raise BackupKeyError(
            "BACKUP_ENCRYPTION_KEY must not be one of the enquiry keys: make a separate key for backups."
        )
