"""Point-in-time recovery on PostgreSQL with pgBackRest, configured as deploy/pgbackrest/ says: make change A, then
change B, restore to a moment between them: A is there and B is not.

Runs on a private PostgreSQL cluster of its own (never the shared one), on a port from 55432 in a temporary
folder, as the postgres user (initdb refuses root), in the suite's PostgreSQL pass. Skipped, with the reason, where
the PostgreSQL server binaries, pgBackRest or root (to act as postgres) are missing; .ci/run installs pgBackRest.
"""

import configparser
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
from django.conf import settings

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
# One port per parallel test worker, in this project's range 55432-55439.
PORT = 55432 + int("".join(ch for ch in os.environ.get("PYTEST_XDIST_WORKER", "gw0") if ch.isdigit()) or 0) % 8
STANZA = "cancerinfo"
DEPLOY = Path(settings.BASE_DIR) / "deploy"


def _skip_reason() -> str | None:
    if not settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return "runs in the PostgreSQL pass of the suite (DATABASE_URL=postgres://...), once"
    if not (PG_BIN / "initdb").exists():
        return f"needs the PostgreSQL server binaries in {PG_BIN} (apt-get install postgresql)"
    if shutil.which("pgbackrest") is None:
        return "needs pgBackRest (apt-get install pgbackrest); .ci/run installs it"
    if os.geteuid() != 0 or shutil.which("runuser") is None:
        return "needs root, to run the private cluster as the postgres user"
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", PORT)) == 0:
            return f"port {PORT} is in use"
    return None


pytestmark = pytest.mark.skipif(_skip_reason() is not None, reason=_skip_reason() or "")


def as_postgres(*command, check=True):
    result = subprocess.run(
        ["runuser", "-u", "postgres", "--", *command], capture_output=True, text=True, errors="replace"
    )
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture
def cluster():
    """A private cluster archiving its WAL to a private, encrypted pgBackRest repository."""
    root = Path(tempfile.mkdtemp(prefix="cancerinfo-pitr-"))
    data, repo = root / "data", root / "repo"
    for folder in (repo, root / "log", root / "lock", root / "spool"):
        folder.mkdir()
    # The shipped configuration, with the paths of this private cluster.
    config = configparser.ConfigParser(interpolation=None)
    config.optionxform = str
    config.read(DEPLOY / "pgbackrest" / "pgbackrest.conf")
    config["global"].update(
        {
            "repo1-path": str(repo),
            "repo1-cipher-pass": "test-only-passphrase-for-a-throwaway-repository",
            "log-path": str(root / "log"),
            "lock-path": str(root / "lock"),
            "spool-path": str(root / "spool"),
        }
    )
    config[STANZA].update({"pg1-path": str(data), "pg1-port": str(PORT), "pg1-socket-path": str(root)})
    conf = root / "pgbackrest.conf"
    with open(conf, "w") as out:
        config.write(out)
    shutil.chown(root, "postgres")
    for path in root.rglob("*"):
        shutil.chown(path, "postgres")
    os.chmod(root, 0o700)

    pgbackrest = ["pgbackrest", f"--config={conf}", f"--stanza={STANZA}"]
    as_postgres(str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "--data-checksums")
    archiving = (DEPLOY / "pgbackrest" / "postgresql-archiving.conf").read_text()
    archiving = archiving.replace("pgbackrest --stanza=cancerinfo", " ".join(pgbackrest))
    with open(data / "postgresql.conf", "a") as out:
        out.write(archiving)
        out.write(f"\nport = {PORT}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{root}'\n")

    def pg_ctl(*args):
        return as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(root / "log" / "postgres.log"), *args)

    pg_ctl("start", "-w")
    try:
        as_postgres(*pgbackrest, "stanza-create")
        as_postgres(*pgbackrest, "check")
        yield {"pgbackrest": pgbackrest, "pg_ctl": pg_ctl, "data": data}
    finally:
        pg_ctl("stop", "-m", "immediate", "-w")
        shutil.rmtree(root, ignore_errors=True)


def sql(query: str, *params):
    with psycopg.connect(host="127.0.0.1", port=PORT, user="postgres", dbname="postgres", autocommit=True) as conn:
        rows = conn.execute(query, params)
        return rows.fetchall() if rows.description else None


def test_restore_to_between_two_changes_keeps_the_first_and_not_the_second(cluster):
    pgbackrest = cluster["pgbackrest"]
    as_postgres(*pgbackrest, "backup", "--type=full")
    sql("CREATE TABLE changes (name text PRIMARY KEY, made_at timestamptz DEFAULT clock_timestamp())")

    sql("INSERT INTO changes (name) VALUES ('A: a booklet published')")
    time.sleep(1.1)
    ((between,),) = sql("SELECT clock_timestamp()::text")
    time.sleep(1.1)
    sql("INSERT INTO changes (name) VALUES ('B: the booklet deleted by mistake')")
    as_postgres(*pgbackrest, "check")  # switches WAL and waits until the segment with B is archived

    cluster["pg_ctl"]("stop", "-m", "fast", "-w")
    as_postgres(*pgbackrest, "restore", "--delta", "--type=time", f"--target={between}", "--target-action=promote")
    cluster["pg_ctl"]("start", "-w")
    for _ in range(60):  # recovery replays the archived WAL up to the target, then the server opens for writes
        if sql("SELECT pg_is_in_recovery()") == [(False,)]:
            break
        time.sleep(0.5)

    names = [name for (name,) in sql("SELECT name FROM changes ORDER BY made_at")]
    assert names == ["A: a booklet published"]


def test_the_repository_is_encrypted_and_verifies(cluster):
    pgbackrest = cluster["pgbackrest"]
    as_postgres(*pgbackrest, "backup", "--type=full")
    info = as_postgres(*pgbackrest, "info").stdout
    assert "cipher: aes-256-cbc" in info and "full backup" in info
    as_postgres(*pgbackrest, "verify")
    # Without the passphrase, the repository cannot be read.
    conf = Path(pgbackrest[1].split("=", 1)[1])
    text = conf.read_text()
    conf.write_text(text.replace("test-only-passphrase-for-a-throwaway-repository", "a-wrong-passphrase"))
    refused = as_postgres(*pgbackrest, "info", check=False)
    assert "unable to load info file" in refused.stdout + refused.stderr
