"""Backups encrypted at rest: a stream of AES-256-GCM chunks, so archives of any size never sit in memory.

BACKUP_ENCRYPTION_KEY holds one or more keys separated by commas (the first encrypts, all of them decrypt), each 32
url-safe base64 bytes, made like an enquiry key:

    python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"

It must not be one of the enquiry keys: whoever holds a backup and the backup key must still need the enquiry key
to read people's questions.

File format: MAGIC, the key's fingerprint (8 bytes), a random nonce prefix (7 bytes), then chunks, each a 4-byte
length and the ciphertext of up to CHUNK_SIZE bytes. A chunk's nonce is the prefix, its number and a flag set on the
last chunk, and the header is authenticated with every chunk: a chunk reordered, changed, dropped or cut off fails.
"""

import base64
import hashlib
import hmac
import os
import struct
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

MAGIC = b"CANCERINFO-BACKUP-1\n"
CHUNK_SIZE = 1024 * 1024
FINGERPRINT_SIZE = 8
PREFIX_SIZE = 7
HEADER_SIZE = len(MAGIC) + FINGERPRINT_SIZE + PREFIX_SIZE
KEY_SETTING = "BACKUP_ENCRYPTION_KEY"


class BackupKeyError(Exception):
    """The backup key is missing, malformed or not the one the archive was made with."""


class BackupCorrupt(Exception):
    """The archive was changed, cut short or is not a CancerInfo backup."""


def fingerprint(key: bytes) -> bytes:
    """Names a key without revealing it: shown in messages, stored in archives and manifests."""
    return hmac.new(key, b"cancerinfo-backup-key-fingerprint", hashlib.sha256).digest()[:FINGERPRINT_SIZE]


def parse_keys(raw: str | None) -> list[bytes]:
    keys = []
    for part in (raw or "").split(","):
        part = part.strip()
        if not part:
            continue
        try:
            key = base64.urlsafe_b64decode(part.encode())
        except (ValueError, TypeError):
            key = b""
        if len(key) != 32:
            raise BackupKeyError(f"{KEY_SETTING} must be 32-byte url-safe base64 keys separated by commas.")
        keys.append(key)
    return keys


def _development_key() -> bytes:
    return hashlib.sha256(b"cancerinfo-backups-dev-key:" + settings.SECRET_KEY.encode()).digest()


def configured_keys() -> list[bytes]:
    keys = parse_keys(getattr(settings, KEY_SETTING, ""))
    if not keys and settings.DEBUG:
        # `make backup` on a development machine works out of the box; production has no such fallback.
        return [_development_key()]
    if not keys:
        raise BackupKeyError(
            f"Set {KEY_SETTING}: backups are encrypted with it, and a restore needs the key the backup was made "
            "with (see docs/deployment.md, 'Backups and restores')."
        )
    return keys


def _nonce(prefix: bytes, number: int, last: bool) -> bytes:
    return prefix + struct.pack(">I", number) + (b"\x01" if last else b"\x00")


class EncryptingWriter:
    """A write-only file object: what is written goes to `out` encrypted. close() writes the last chunk."""

    def __init__(self, out: BinaryIO, key: bytes):
        self._out = out
        self._aead = AESGCM(key)
        self._prefix = os.urandom(PREFIX_SIZE)
        self._header = MAGIC + fingerprint(key) + self._prefix
        self._buffer = bytearray()
        self._number = 0
        self.closed = False
        out.write(self._header)

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._buffer += data
        # Keep at least one byte back, so the last chunk always has its "last" flag set by close().
        while len(self._buffer) > CHUNK_SIZE:
            self._emit(bytes(self._buffer[:CHUNK_SIZE]), last=False)
            del self._buffer[:CHUNK_SIZE]
        return len(data)

    def flush(self) -> None:
        self._out.flush()

    def _emit(self, plain: bytes, last: bool) -> None:
        sealed = self._aead.encrypt(_nonce(self._prefix, self._number, last), plain, self._header)
        self._out.write(struct.pack(">I", len(sealed)) + sealed)
        self._number += 1

    def close(self) -> None:
        if not self.closed:
            self._emit(bytes(self._buffer), last=True)
            self._buffer.clear()
            self._out.flush()
            self.closed = True


def read_header(source: BinaryIO) -> tuple[bytes, bytes, bytes]:
    header = source.read(HEADER_SIZE)
    if len(header) != HEADER_SIZE or not header.startswith(MAGIC):
        raise BackupCorrupt("This file is not a CancerInfo backup, or its beginning is damaged.")
    key_id = header[len(MAGIC) : len(MAGIC) + FINGERPRINT_SIZE]
    return header, key_id, header[-PREFIX_SIZE:]


def key_for(key_id: bytes, keys: list[bytes]) -> bytes:
    for key in keys:
        if hmac.compare_digest(fingerprint(key), key_id):
            return key
    known = ", ".join(fingerprint(key).hex() for key in keys)
    raise BackupKeyError(
        f"This backup was encrypted with the backup key {key_id.hex()}; {KEY_SETTING} holds {known}. "
        f"Put the key {key_id.hex()} in {KEY_SETTING} (it is kept with the other keys, not with the backups)."
    )


def decrypt_chunks(source: BinaryIO, keys: list[bytes]) -> Iterator[bytes]:
    """Plain text of an archive, chunk by chunk. Raises BackupKeyError or BackupCorrupt; never yields bad data."""
    header, key_id, prefix = read_header(source)
    aead = AESGCM(key_for(key_id, keys))
    number = 0
    while True:
        length_bytes = source.read(4)
        if len(length_bytes) != 4:
            raise BackupCorrupt("The backup is cut short: its last part is missing.")
        (length,) = struct.unpack(">I", length_bytes)
        if length > CHUNK_SIZE + 16:
            raise BackupCorrupt("The backup is damaged (a part has an impossible length).")
        sealed = source.read(length)
        if len(sealed) != length:
            raise BackupCorrupt("The backup is cut short: its last part is missing.")
        for last in (False, True):
            try:
                plain = aead.decrypt(_nonce(prefix, number, last), sealed, header)
                break
            except InvalidTag:
                continue
        else:
            raise BackupCorrupt(f"Part {number + 1} of the backup does not match its checksum: it was changed.")
        number += 1
        yield plain
        if last:
            if source.read(1):
                raise BackupCorrupt("The backup has data after its last part.")
            return


class DecryptingReader:
    """A read-only file object over an encrypted archive (what tarfile's stream mode needs)."""

    def __init__(self, source: BinaryIO, keys: list[bytes]):
        self._chunks = decrypt_chunks(source, keys)
        self._buffer = b""
        self._done = False

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        while not self._done and (size < 0 or len(self._buffer) < size):
            try:
                self._buffer += next(self._chunks)
            except StopIteration:
                self._done = True
        if size < 0:
            data, self._buffer = self._buffer, b""
        else:
            data, self._buffer = self._buffer[:size], self._buffer[size:]
        return data

    def drain(self) -> None:
        """Read to the end, so a damaged or cut-off tail is found even when the reader stopped early."""
        while self.read(CHUNK_SIZE):
            pass
