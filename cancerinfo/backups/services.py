"""Back up, check and restore: the jobs behind the management commands, the drill and the admin.

A backup is one encrypted file in BACKUP_DIR named cancerinfo-<UTC time>.backup, with a .sha256 file beside it
(`sha256sum -c` checks a copy without any key). See docs/deployment.md, "Backups and restores".
"""

import datetime
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.migrations.recorder import MigrationRecorder
from django.utils import dateformat, timezone

from . import archive, checks, database, encryption, keys, media
from .models import BackupRun

NAME_PATTERN = re.compile(r"^cancerinfo-(\d{8}T\d{6}Z)\.backup$")
STAMP_FORMAT = "%Y%m%dT%H%M%SZ"


class RestoreProblem(Exception):
    """The restore was refused (nothing written) or its checks failed; the message says which and why."""


@dataclass
class Restored:
    manifest: dict
    tables: int = 0
    media_files: int = 0
    key_checks: int = 0
    problems: list[str] = field(default_factory=list)


def backup_dir() -> Path:
    return Path(settings.BACKUP_DIR)


def archives(folder: Path | None = None) -> list[Path]:
    """Finished backups, oldest first."""
    folder = folder or backup_dir()
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.iterdir() if NAME_PATTERN.match(path.name))


def made_at(path: Path) -> datetime.datetime:
    stamp = NAME_PATTERN.match(path.name).group(1)
    return datetime.datetime.strptime(stamp, STAMP_FORMAT).replace(tzinfo=datetime.UTC)


def _latest_migrations() -> dict[str, str]:
    latest: dict[str, str] = {}
    for app, name in MigrationRecorder.Migration.objects.order_by("app", "name").values_list("app", "name"):
        latest[app] = name
    return latest


def make_backup(check_pages: bool = True) -> BackupRun:
    """Copy the database and the media into a new encrypted backup, read it back to check it, prune old ones.
    The record of the run is written afterwards, so a backup never contains a half-finished record of itself."""
    started = timezone.now()
    name = ""
    try:
        backup_keys = encryption.configured_keys()
        keys.check_keys_are_separate(backup_keys)
        vendor = database.engine()
        folder = backup_dir()
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        name = f"cancerinfo-{started.astimezone(datetime.UTC):{STAMP_FORMAT}}.backup"
        final = folder / name
        partial = folder / f".{name}.partial"
        if final.exists():
            raise OSError(f"{final} exists already: one backup a second at most.")
        with tempfile.TemporaryDirectory(dir=folder, prefix=".working-") as work:
            dump_path = Path(work) / database.dump_name(vendor)
            counts = database.dump(dump_path)
            manifest = {
                "created_at": started.isoformat(),
                "engine": vendor,
                "database": database.dump_name(vendor),
                "site": settings.WAGTAIL_SITE_NAME,
                "counts": counts,
                "migrations": _latest_migrations(),
                "keys": {"backup_key": encryption.fingerprint(backup_keys[0]).hex(), **keys.key_record()},
                "pages": checks.page_fingerprints() if check_pages else {},
            }
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "wb") as out:
                writer = archive.ArchiveWriter(out, backup_keys[0])
                writer.add_file(manifest["database"], dump_path)
                for media_name in media.names():
                    with default_storage.open(media_name, "rb") as content:
                        writer.add(media.PREFIX + media_name, content, default_storage.size(media_name))
                writer.close(manifest)
                out.flush()
                os.fsync(out.fileno())
        # Integrity: the file on disk decrypts and every member matches its checksum, before we call it a backup.
        archive.read(partial, backup_keys)
        partial.rename(final)
        digest = archive.file_sha256(final)
        (folder / f"{name}.sha256").write_text(f"{digest}  {name}\n")
        media_files = sum(1 for member in writer.files if member.startswith(media.PREFIX))
        run = BackupRun.objects.create(
            kind=BackupRun.Kind.BACKUP,
            started_at=started,
            finished_at=timezone.now(),
            succeeded=True,
            archive=name,
            size=final.stat().st_size,
            sha256=digest,
            detail=(
                f"{vendor} database ({len(counts)} tables, {sum(counts.values())} rows), {media_files} media files, "
                f"{len(manifest['pages'])} pages fingerprinted; read back and checked. Backup key "
                f"{manifest['keys']['backup_key']}, enquiry keys "
                f"{', '.join(manifest['keys']['enquiry_key_fingerprints'])}."
            ),
        )
    except Exception as exc:
        try:
            BackupRun.objects.create(
                kind=BackupRun.Kind.BACKUP,
                started_at=started,
                finished_at=timezone.now(),
                archive=name,
                detail=str(exc),
            )
        except Exception:  # noqa: S110 - the database itself may be what failed; the original error matters
            pass
        raise
    finally:
        if name and (backup_dir() / f".{name}.partial").exists():
            (backup_dir() / f".{name}.partial").unlink()
    prune()
    return run


def prune(now: datetime.datetime | None = None) -> list[str]:
    """Delete backups older than BACKUP_RETENTION_DAYS (by the time in their name), always keeping the newest."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.BACKUP_RETENTION_DAYS)
    found = archives()
    removed = []
    for path in found[:-1]:
        if made_at(path) < cutoff:
            path.unlink()
            path.with_name(path.name + ".sha256").unlink(missing_ok=True)
            removed.append(path.name)
    return removed


def check_sidecar(path: Path) -> None:
    sidecar = path.with_name(path.name + ".sha256")
    if sidecar.exists():
        expected = sidecar.read_text().split()[0]
        if archive.file_sha256(path) != expected:
            raise encryption.BackupCorrupt(f"{path.name} does not match {sidecar.name}: the file was changed.")


def verify(path: Path) -> dict:
    """Everything a restore checks before writing: the file's checksum, the backup key, every member, the enquiry
    keys. Returns the manifest. Raises BackupKeyError, EnquiryKeyError or BackupCorrupt."""
    check_sidecar(path)
    backup_keys = encryption.configured_keys()
    manifest = archive.read(path, backup_keys)
    keys.check_enquiry_keys(manifest["keys"])
    return manifest


def restore(path: Path, stdout=None) -> Restored:
    """Restore a backup into the configured, empty database and the media storage.

    Refuses, having written nothing, when a key is missing or wrong, the file is damaged or the database is not
    empty. Then loads the database (all or nothing), puts the media back and checks counts and files."""

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message)

    check_sidecar(path)
    backup_keys = encryption.configured_keys()
    with tempfile.TemporaryDirectory(prefix="cancerinfo-restore-") as work:
        work_path = Path(work)
        manifest = archive.read(path, backup_keys, extract_to=work_path)
        say(f"1. {path.name}: backup key {manifest['keys']['backup_key']} is right; every part checked.")
        key_checks = keys.check_enquiry_keys(manifest["keys"])
        say(f"2. The enquiry keys read the canary and {key_checks - 1} stored enquiry fields.")
        if manifest["engine"] != database.engine():
            raise RestoreProblem(
                f"This is a backup of a {manifest['engine']} database; DATABASE_URL points at {database.engine()}."
            )
        database.ensure_empty()
        say(f"3. {database.describe()} is empty: restoring into it.")
        database.restore(work_path / manifest["database"], manifest["engine"])
        media_names = [name for name in manifest["files"] if name.startswith(media.PREFIX)]
        for name in media_names:
            with open(work_path / name, "rb") as content:
                media.write(name[len(media.PREFIX) :], content)
        say(f"4. Database loaded; {len(media_names)} media files put back.")
    result = Restored(manifest=manifest, media_files=len(media_names), key_checks=key_checks)
    counts = database.table_counts()
    result.tables = len(counts)
    result.problems = checks.compare_counts(manifest["counts"], counts) + [
        f"missing file {name}" for name in checks.missing_files()
    ]
    BackupRun.objects.create(
        kind=BackupRun.Kind.RESTORE,
        finished_at=timezone.now(),
        succeeded=not result.problems,
        archive=path.name,
        size=path.stat().st_size,
        detail="; ".join(result.problems)
        or f"{result.tables} tables with the same row counts as the backup, {result.media_files} media files.",
    )
    if result.problems:
        raise RestoreProblem("The restore finished but its checks failed: " + "; ".join(result.problems[:10]))
    say(f"5. Row counts of all {result.tables} tables match the backup; every file records point at is there.")
    return result


@dataclass
class Status:
    last_backup: BackupRun | None
    last_drill: BackupRun | None
    last_failure: BackupRun | None
    overdue: bool
    drill_overdue: bool

    @property
    def message(self) -> str:
        if self.last_backup is None:
            return "No backup has been made yet."
        when = dateformat.format(timezone.localtime(self.last_backup.finished_at), r"j F Y \a\t H:i")
        if self.overdue:
            return f"The last successful backup was on {when}."
        return f"Last successful backup: {when}."


def max_age_hours() -> int:
    return settings.BACKUP_MAX_AGE_HOURS


def status(now: datetime.datetime | None = None) -> Status:
    now = now or timezone.now()
    succeeded = BackupRun.objects.filter(succeeded=True)
    last_backup = succeeded.filter(kind=BackupRun.Kind.BACKUP).first()
    last_drill = succeeded.filter(kind=BackupRun.Kind.DRILL).first()
    last_failure = BackupRun.objects.filter(succeeded=False).first()
    overdue = last_backup is None or now - last_backup.finished_at > datetime.timedelta(
        hours=settings.BACKUP_MAX_AGE_HOURS
    )
    drill_overdue = last_drill is None or now - last_drill.finished_at > datetime.timedelta(
        days=settings.BACKUP_DRILL_MAX_AGE_DAYS
    )
    return Status(last_backup, last_drill, last_failure, overdue, drill_overdue)
