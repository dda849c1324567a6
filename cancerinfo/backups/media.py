"""Media files (uploaded images and documents, generated PDFs) through Django's storage API, so the same code backs
up a folder on disk, an S3 bucket or the test suite's in-memory storage."""

import posixpath
from collections.abc import Iterator
from typing import BinaryIO

from django.core.files import File
from django.core.files.storage import Storage, default_storage

PREFIX = "media/"


def names(storage: Storage | None = None, folder: str = "") -> Iterator[str]:
    storage = storage or default_storage
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # MEDIA_ROOT not made yet: nothing uploaded
        return
    for name in sorted(files):
        yield posixpath.join(folder, name) if folder else name
    for sub in sorted(folders):
        yield from names(storage, posixpath.join(folder, sub) if folder else sub)


def write(name: str, content: BinaryIO, storage: Storage | None = None) -> None:
    """Put a file back under exactly its old name (records point at it by name)."""
    storage = storage or default_storage
    if storage.exists(name):
        storage.delete(name)
    saved = storage.save(name, File(content, name=posixpath.basename(name)))
    if saved != name:
        raise OSError(f"The storage saved {name} as {saved}.")


def referenced_files() -> list[tuple[str, str]]:
    """(model label, file name) of every file a record points at: images, documents, PDFs."""
    from django.apps import apps
    from django.db.models import FileField

    found = []
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, FileField)]
        for field in fields:
            for value in model._base_manager.exclude(**{field.name: ""}).values_list(field.name, flat=True):
                if value:
                    found.append((model._meta.label, value))
    return found
