"""Starting and stopping the servers a benchmark measures, shared by the benchmarks (not a benchmark itself).

Each server starts in a session of its own, so stopping it signals its whole process group: a gunicorn master and
its workers, never a worker left answering on the port for the next run.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A port nothing listens on now (the system picks it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def refuse_busy_ports(*ports: int) -> None:
    """A server left on a bench port (an earlier run stopped halfway) would answer in place of this run's: the
    figures would be of old code, or of nothing. Say so rather than measure it."""
    for port in ports:
        with socket.socket() as probe:
            probe.settimeout(1)
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                raise SystemExit(f"port {port} is already in use: stop what listens there (an earlier run's gunicorn?)")


def wait_for_port(port: int, seconds: float = 60) -> None:
    """Until something listens on the port."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing listens on port {port} after {seconds} s")


def wait_for(url: str, seconds: float = 300, headers: dict | None = None) -> None:
    """Until the address answers 200 (a server up is not yet a page rendered: the first one warms its caches)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - loopback only
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def start(
    command: list[str],
    env: dict | None = None,
    cwd: Path = ROOT,
    log: Path | None = None,
    quiet: bool = True,
) -> subprocess.Popen:
    """The command in a session of its own (see stop). Its output is dropped (quiet) or left on the terminal; its
    errors go to `log` when given."""
    output = subprocess.DEVNULL if quiet else None
    errors = open(log, "w") if log else output  # noqa: SIM115 - closed with the process
    return subprocess.Popen(command, env=env, cwd=cwd, stdout=output, stderr=errors, start_new_session=True)


def stop(processes: list[subprocess.Popen], grace: float = 15) -> None:
    """SIGTERM to each process group, then SIGKILL to any still there after `grace` seconds: the next run must find
    the ports free (a gunicorn master seen waiting forever on a lock at exit left its workers answering)."""
    for process in processes:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
    for process in processes:
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            print(f"process {process.pid} did not stop within {grace:g} s of SIGTERM: killed", file=sys.stderr)
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
