"""A fresh, empty database and media folder for a restore drill, used in place of the live ones for a while.

The live database is never touched: Django's default connection is pointed at the scratch database and pointed
back afterwards. For SQLite the scratch database is a file in a temporary folder; for PostgreSQL a database named
BACKUP_DRILL_DATABASE_NAME (default: the live name + "_restore_drill") on the same server, which needs CREATEDB.
"""

from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@contextmanager
def use_database(changes: dict, alias: str = "default"):
    """Point the connection at another database (NAME, and any other settings in `changes`) for a while."""
    connection = connections[alias]
    if connection.in_atomic_block:
        raise RuntimeError("Switch databases outside a transaction.")
    saved_settings = dict(connection.settings_dict)
    # Keep the live connection open but aside: closing the test suite's in-memory SQLite database would delete it.
    saved_connection, connection.connection = connection.connection, None
    connection.settings_dict.update(changes)
    ContentType.objects.clear_cache()
    try:
        yield connection
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved_settings)
        connection.connection = saved_connection
        ContentType.objects.clear_cache()


@contextmanager
def use_media(folder: Path):
    """Media files read and written in `folder` instead of the live storage."""
    from django.test.utils import override_settings

    storages = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(folder)}},
    }
    with override_settings(STORAGES=storages, MEDIA_ROOT=folder):
        yield


def drill_database_name(alias: str = "default") -> str:
    configured = getattr(settings, "BACKUP_DRILL_DATABASE_NAME", "")
    return configured or f"{connections[alias].settings_dict['NAME']}_restore_drill"


@contextmanager
def fresh_database(folder: Path, alias: str = "default"):
    """A new, empty database of the same kind as the live one; yields the settings to use it, drops it after."""
    connection = connections[alias]
    if connection.vendor == "sqlite":
        path = folder / "restored.sqlite3"
        path.unlink(missing_ok=True)
        yield {"NAME": str(path)}
        return
    name = drill_database_name(alias)
    if name == connection.settings_dict["NAME"]:
        raise RuntimeError("The drill database must not be the live database.")
    with connection._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {_quote(name)}")
        cursor.execute(f"CREATE DATABASE {_quote(name)}")
    try:
        yield {"NAME": name}
    finally:
        connections[alias].close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {_quote(name)} WITH (FORCE)")
