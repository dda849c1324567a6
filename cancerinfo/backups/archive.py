"""One backup is one encrypted file: a tar stream of the database copy, every media file and, last, manifest.json
(when it was made, the SHA-256 of every member, row counts, page fingerprints and the key checks).

Reading checks everything before anything is used: the backup key at the first bytes, then every chunk's
authentication tag, then each member against the manifest's checksum, with nothing missing and nothing extra.
"""

import hashlib
import io
import json
import posixpath
import tarfile
import time
from pathlib import Path
from typing import BinaryIO

from . import encryption
from .encryption import BackupCorrupt

MANIFEST = "manifest.json"
FORMAT = 1
COPY_CHUNK = 1024 * 1024


class _Hashing:
    """Reads through a file object, hashing what passes."""

    def __init__(self, source: BinaryIO):
        self._source = source
        self.sha256 = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self._source.read(size)
        self.sha256.update(data)
        self.size += len(data)
        return data


class ArchiveWriter:
    """Write members one by one; close() adds the manifest with their checksums."""

    def __init__(self, out: BinaryIO, key: bytes):
        self._writer = encryption.EncryptingWriter(out, key)
        self._tar = tarfile.open(fileobj=self._writer, mode="w|", format=tarfile.PAX_FORMAT)
        self.files: dict[str, dict] = {}

    def add(self, name: str, source: BinaryIO, size: int) -> None:
        info = tarfile.TarInfo(name)
        info.size = size
        info.mtime = int(time.time())
        info.mode = 0o600
        hashing = _Hashing(source)
        self._tar.addfile(info, hashing)
        if hashing.size != size:
            raise OSError(f"{name} changed size while it was being backed up.")
        self.files[name] = {"sha256": hashing.sha256.hexdigest(), "size": size}

    def add_file(self, name: str, path: Path) -> None:
        with open(path, "rb") as source:
            self.add(name, source, path.stat().st_size)

    def close(self, manifest: dict) -> None:
        manifest = {**manifest, "format": FORMAT, "files": self.files}
        data = json.dumps(manifest, indent=1, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        info.mtime = int(time.time())
        info.mode = 0o600
        self._tar.addfile(info, io.BytesIO(data))
        self._tar.close()
        self._writer.close()


def _safe_name(name: str) -> bool:
    normal = posixpath.normpath(name)
    return not (name.startswith("/") or normal.startswith("..") or "\\" in name or normal != name)


def read(path: Path, keys: list[bytes], extract_to: Path | None = None) -> dict:
    """Check a whole archive (and, with extract_to, unpack it there); return its manifest.
    Raises BackupKeyError (wrong or missing key) or BackupCorrupt (anything changed, cut short or missing)."""
    seen: dict[str, dict] = {}
    manifest = None
    with open(path, "rb") as source:
        reader = encryption.DecryptingReader(source, keys)
        try:
            with tarfile.open(fileobj=reader, mode="r|") as tar:
                for member in tar:
                    if not member.isfile() or not _safe_name(member.name) or member.name in seen:
                        raise BackupCorrupt(f"The backup holds an unexpected entry: {member.name!r}.")
                    content = tar.extractfile(member)
                    hashing = _Hashing(content)
                    if member.name == MANIFEST:
                        manifest = json.loads(hashing.read().decode())
                        continue
                    if extract_to is None:
                        while hashing.read(COPY_CHUNK):
                            pass
                    else:
                        target = extract_to / member.name
                        target.parent.mkdir(parents=True, exist_ok=True)
                        with open(target, "wb") as out:
                            while chunk := hashing.read(COPY_CHUNK):
                                out.write(chunk)
                    seen[member.name] = {"sha256": hashing.sha256.hexdigest(), "size": hashing.size}
        except tarfile.TarError as exc:
            raise BackupCorrupt(f"The backup's contents are damaged: {exc}") from exc
        reader.drain()
    if manifest is None or manifest.get("format") != FORMAT:
        raise BackupCorrupt("The backup has no manifest (it was cut short, or made by something else).")
    expected = manifest.get("files", {})
    missing = sorted(set(expected) - set(seen))
    extra = sorted(set(seen) - set(expected))
    changed = sorted(name for name in set(seen) & set(expected) if seen[name] != expected[name])
    if missing or extra or changed:
        raise BackupCorrupt(
            f"The backup does not match its manifest: missing {missing[:5]}, unexpected {extra[:5]}, "
            f"different {changed[:5]}."
        )
    return manifest


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as source:
        while chunk := source.read(COPY_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
