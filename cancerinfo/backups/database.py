"""The database part of a backup: a consistent copy, the row count of every table in that same copy, and a restore
into an empty database. SQLite uses its online backup API; PostgreSQL pg_dump / pg_restore (custom format)."""

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.db import connections

SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.pgdump"


class DatabaseProblem(Exception):
    """The database could not be copied or restored; the message says why and what to do."""


def engine(alias: str = "default") -> str:
    vendor = connections[alias].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise DatabaseProblem(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def dump_name(vendor: str) -> str:
    return SQLITE_FILE if vendor == "sqlite" else POSTGRES_FILE


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _count_tables(cursor, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in sorted(tables):
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(table)}")  # noqa: S608 - names from the catalogue, quoted
        counts[table] = cursor.fetchone()[0]
    return counts


def dump(target: Path, alias: str = "default") -> dict[str, int]:
    """Copy the database to `target`; return the row count of every table as they are in the copy."""
    if engine(alias) == "sqlite":
        return _dump_sqlite(target, alias)
    return _dump_postgres(target, alias)


def _dump_sqlite(target: Path, alias: str) -> dict[str, int]:
    connection = connections[alias]
    connection.ensure_connection()
    with closing(sqlite3.connect(target)) as copy:
        # One step (pages=-1): a consistent copy while writers wait, as short as a file copy.
        connection.connection.backup(copy)
        (result,) = copy.execute("PRAGMA integrity_check").fetchone()
        if result != "ok":
            raise DatabaseProblem(f"The copy of the SQLite database failed its integrity check: {result}")
        copy.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        tables = [row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return _count_tables(copy.cursor(), [t for t in tables if not t.startswith("sqlite_")])


def _postgres_environment(settings_dict: dict) -> dict[str, str]:
    env = dict(os.environ)
    for variable, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    options = settings_dict.get("OPTIONS") or {}
    for variable, key in (("PGSSLMODE", "sslmode"), ("PGSSLROOTCERT", "sslrootcert")):
        if options.get(key):
            env[variable] = str(options[key])
    env["PGDATABASE"] = settings_dict["NAME"]
    return env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise DatabaseProblem(f"{name} is missing: install the PostgreSQL client (apt-get install postgresql-client).")
    return path


def _run(command: list[str], env: dict[str, str], what: str) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603 - our own argv
    if result.returncode != 0:
        raise DatabaseProblem(f"{what} failed: {result.stderr.strip() or result.stdout.strip()}")


def _dump_postgres(target: Path, alias: str) -> dict[str, int]:
    connection = connections[alias]
    env = _postgres_environment(connection.settings_dict)
    # A separate connection holds one snapshot: pg_dump copies exactly what it counts, even while people write.
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.autocommit = False
        with raw.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            _run(
                [_tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}", f"--file={target}"],
                env,
                "pg_dump",
            )
            cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
            counts = _count_tables(cursor, [row[0] for row in cursor.fetchall()])
        raw.rollback()
    finally:
        raw.close()
    check_dump(target, "postgresql")
    return counts


def check_dump(path: Path, vendor: str) -> None:
    """A dump that its own tool can read back (pg_restore --list; SQLite's integrity check)."""
    if vendor == "sqlite":
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as copy:
            (result,) = copy.execute("PRAGMA integrity_check").fetchone()
        if result != "ok":
            raise DatabaseProblem(f"The database in the backup failed its integrity check: {result}")
        return
    _run([_tool("pg_restore"), "--list", str(path)], dict(os.environ), "Reading the PostgreSQL dump")


def table_names(alias: str = "default") -> list[str]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def table_counts(alias: str = "default") -> dict[str, int]:
    connection = connections[alias]
    with connection.cursor() as cursor:
        return _count_tables(cursor, [t for t in table_names(alias) if not t.startswith("sqlite_")])


def describe(alias: str = "default") -> str:
    settings_dict = connections[alias].settings_dict
    if connections[alias].vendor == "sqlite":
        return f"the SQLite database {settings_dict['NAME']}"
    return f"the PostgreSQL database {settings_dict['NAME']} on {settings_dict.get('HOST') or 'localhost'}"


def ensure_empty(alias: str = "default") -> None:
    tables = table_names(alias)
    if tables:
        raise DatabaseProblem(
            f"{describe(alias)} is not empty ({len(tables)} tables). A restore only writes into a fresh, empty "
            "database: create one (see the runbook in docs/deployment.md) and point DATABASE_URL at it."
        )


def restore(dump_file: Path, vendor: str, alias: str = "default") -> None:
    """Load a dump into the (empty) database: all of it or, if anything fails, nothing."""
    connection = connections[alias]
    if vendor != connection.vendor:
        raise DatabaseProblem(f"This backup is of a {vendor} database; DATABASE_URL points at {connection.vendor}.")
    if vendor == "sqlite":
        connection.ensure_connection()
        with closing(sqlite3.connect(f"file:{dump_file}?mode=ro", uri=True)) as source:
            source.backup(connection.connection)
        return
    connection.close()  # pg_restore writes through its own connection
    _run(
        [
            _tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            f"--dbname={connection.settings_dict['NAME']}",
            str(dump_file),
        ],
        _postgres_environment(connection.settings_dict),
        "pg_restore",
    )
