"""Live chat under load: 200 chats at once, simulated readers and nurses over WebSockets on 127.0.0.1.

Two daphne processes serve the ASGI application (cancerinfo/asgi.py) with production settings, sharing a Redis of
the bench's own (a redis-server started on a free port and stopped at the end: the machine's Redis is never touched)
as the channel layer, and a SQLite database (BENCH_DATABASE_URL for PostgreSQL). Readers and nurses connect to either
server, so most messages cross from one process to the other through Redis.

Each of the 200 readers sends MESSAGES messages, a second or so apart; the nurse holding the chat (20 nurses, 10
chats each) answers each one at once. Measured, for every message, from the moment its sender sends it to the
moment the other side receives it: the latency percentiles, messages lost (acknowledged but never received by the
other side) and messages received twice. Goal: p99 <= 250 ms, none lost, none twice; the run exits non-zero on a
missed goal. The measured part lasts well under 60 s (setup, a migrated database, is before it). Also printed: the CPU
time the daphne workers, redis-server and this client used while measuring (from /proc), and the workers' CPU per
delivered message: a figure that does not depend on what else the machine is doing (with PostgreSQL, the database
server's own processes are not in it).

Usage: python bench/chat_load.py [--chats 200] [--messages 5] [--nurses 20]
"""

import argparse
import asyncio
import json
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import websockets
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GOAL_P99_MS = 250.0
LOG_DIR = Path(os.environ.get("BENCH_LOG_DIR", tempfile.gettempdir()))  # the servers' error output, if any
SETUP = """
import json, secrets
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from cancerinfo.chat.models import Chat, token_hash

chats, nurses = int(CHATS), int(NURSES)
group = Group.objects.get(name="Nurses")
store = import_module(settings.SESSION_ENGINE).SessionStore
out = {"nurses": [], "chats": []}
for n in range(nurses):
    user = get_user_model().objects.create_user(f"bench-nurse-{n}", password=secrets.token_urlsafe(20))
    user.groups.add(group)
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    session = store()
    session.update({SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                    HASH_SESSION_KEY: user.get_session_auth_hash(), DEVICE_ID_SESSION_KEY: device.persistent_id})
    session.create()
    out["nurses"].append({"user": user.pk, "session": session.session_key, "chats": []})
for c in range(chats):
    token = secrets.token_urlsafe(32)
    nurse = out["nurses"][c % nurses]
    chat = Chat.objects.create(token_hash=token_hash(token), consent_wording_version="bench", status="active",
                               nurse_id=nurse["user"], picked_up_at=timezone.now())
    nurse["chats"].append(chat.pk)
    out["chats"].append({"id": chat.pk, "token": token})
print(json.dumps(out))
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing listens on port {port} after {seconds} s")


def start(command: list[str], env: dict | None = None, log: Path | None = None) -> subprocess.Popen:
    errors = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors, start_new_session=True
    )


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)


def server_command(port: int) -> list[str]:
    return [PYTHON, "-m", "daphne", "--bind", "127.0.0.1", "--port", str(port), "cancerinfo.asgi:application"]


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used (Linux /proc): what the servers cost, however busy the machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Tally:
    def __init__(self):
        self.sent: dict[str, float] = {}  # client_id -> when sent
        self.received: dict[str, float] = {}  # client_id -> when the other side first received it
        self.duplicates = 0
        self.acked: set[str] = set()

    def receive(self, client_id: str) -> None:
        if client_id in self.received:
            self.duplicates += 1
        else:
            self.received[client_id] = time.monotonic()


async def reader(url: str, chat: dict, messages: int, tally: Tally, ready: asyncio.Event) -> None:
    async with websockets.connect(url, origin="http://127.0.0.1", max_queue=None) as socket_:
        await socket_.send(json.dumps({"type": "hello", "token": chat["token"], "after": 0}))
        await ready.wait()
        seen: set[int] = set()

        async def listen():
            async for frame in socket_:
                data = json.loads(frame)
                if data["type"] == "ack":
                    tally.acked.add(data["client_id"])
                elif data["type"] == "message" and data["sender"] == "nurse":
                    if data["id"] in seen:
                        tally.duplicates += 1
                        continue
                    seen.add(data["id"])
                    tally.receive(data["client_id"])

        listener = asyncio.create_task(listen())
        await asyncio.sleep(random.uniform(0, 1.0))
        for n in range(messages):
            client_id = f"r{chat['id']}-{n}"
            tally.sent[client_id] = time.monotonic()
            await socket_.send(json.dumps({"type": "message", "body": f"Question {n}", "client_id": client_id}))
            await asyncio.sleep(random.uniform(0.8, 1.4))
        await asyncio.sleep(2.0)  # the last answers
        listener.cancel()


async def nurse(url: str, nurse_: dict, tally: Tally, connected: list, stop_at: list) -> None:
    headers = {"Cookie": f"sessionid={nurse_['session']}"}
    async with websockets.connect(url, origin="http://127.0.0.1", additional_headers=headers, max_queue=None) as ws:
        connected.append(1)
        seen: set[int] = set()
        try:
            async with asyncio.timeout(stop_at[0] - time.monotonic()):
                async for frame in ws:
                    data = json.loads(frame)
                    if data["type"] == "ack":
                        tally.acked.add(data["client_id"])
                    if data["type"] != "message" or data["sender"] != "reader":
                        continue
                    if data["id"] in seen:
                        tally.duplicates += 1
                        continue
                    seen.add(data["id"])
                    tally.receive(data["client_id"])
                    answer_id = "n" + data["client_id"][1:]
                    tally.sent[answer_id] = time.monotonic()
                    await ws.send(
                        json.dumps(
                            {"type": "message", "chat": data["chat"], "body": "An answer", "client_id": answer_id}
                        )
                    )
        except TimeoutError:
            pass


async def run_load(ports: list[int], setup: dict, messages: int) -> Tally:
    tally = Tally()
    urls = [f"ws://127.0.0.1:{port}/chat/ws/" for port in ports]
    ready = asyncio.Event()
    connected: list = []
    stop_at = [time.monotonic() + messages * 1.4 + 12]
    nurses = [
        asyncio.create_task(nurse(urls[i % 2] + "nurse/", n, tally, connected, stop_at))
        for i, n in enumerate(setup["nurses"])
    ]
    while len(connected) < len(nurses):
        await asyncio.sleep(0.05)
    readers = [
        asyncio.create_task(reader(urls[(i + 1) % 2] + "reader/", chat, messages, tally, ready))
        for i, chat in enumerate(setup["chats"])
    ]
    await asyncio.sleep(1.0)  # every reader has said hello
    ready.set()
    await asyncio.gather(*readers)
    stop_at[0] = time.monotonic() + 0.5
    await asyncio.gather(*nurses)
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--messages", type=int, default=5)
    parser.add_argument("--nurses", type=int, default=20)
    args = parser.parse_args()
    if not shutil.which("redis-server"):
        raise SystemExit("needs redis-server (apt-get install redis-server)")

    processes: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory(prefix="chat-bench-") as folder:
        tmp = Path(folder)
        redis_port = free_port()
        processes.append(
            start(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--dir", folder])
        )
        wait_for_port(redis_port)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cancerinfo.settings.production",
            "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp}/db.sqlite3"),
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "ENQUIRY_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "SILENCED_SYSTEM_CHECKS": "donations.E003",
            "STATIC_ROOT": str(tmp / "static"),
            "LOG_LEVEL": "WARNING",
            "REDIS_URL": "",
            "CHAT_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        }
        try:
            print("Setting up: a migrated database, nurses with sessions, chats...", flush=True)
            subprocess.run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], env=env, cwd=ROOT, check=True)
            code = SETUP.replace("int(CHATS)", str(args.chats)).replace("int(NURSES)", str(args.nurses))
            result = subprocess.run(
                [PYTHON, "manage.py", "shell", "-c", code],
                env=env,
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            )
            setup = json.loads(result.stdout.strip().splitlines()[-1])
            ports = [free_port(), free_port()]
            for port in ports:  # 2 server workers
                processes.append(start(server_command(port), env, LOG_DIR / f"daphne-{port}.log"))
            for port in ports:
                wait_for_port(port)
            print(f"Measuring: {args.chats} chats, {args.messages} messages each way, 2 daphne workers", flush=True)
            servers = processes[1:] + processes[:1]  # the daphne workers, then redis-server
            cpu_before = [cpu_seconds(process.pid) for process in servers]
            client_before = time.process_time()
            began = time.monotonic()
            tally = asyncio.run(run_load(ports, setup, args.messages))
            elapsed = time.monotonic() - began
            cpu = [cpu_seconds(process.pid) - before for process, before in zip(servers, cpu_before, strict=True)]
            client_cpu = time.process_time() - client_before
        finally:
            stop(processes)

    latencies = sorted((tally.received[k] - tally.sent[k]) * 1000 for k in tally.received if k in tally.sent)
    expected = args.chats * args.messages * 2
    lost = len([k for k in tally.sent if k not in tally.received])
    p50 = statistics.median(latencies) if latencies else float("nan")
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else float("nan")
    print(f"messages   {len(latencies)} of {expected} delivered in {elapsed:.1f} s")
    print(f"latency    p50 {p50:.1f} ms   p99 {p99:.1f} ms   (goal p99 <= {GOAL_P99_MS:.0f} ms)")
    print(f"lost       {lost}   (goal 0)")
    print(f"duplicated {tally.duplicates}   (goal 0)")
    delivered = max(1, len(latencies))
    print(
        f"CPU        daphne {sum(cpu[:-1]):.1f} s ({sum(cpu[:-1]) / delivered * 1000:.2f} ms a message), "
        f"redis-server {cpu[-1]:.1f} s, this client {client_cpu:.1f} s, over {elapsed:.1f} s on {os.cpu_count()} CPUs"
    )
    missed = []
    if not latencies or p99 > GOAL_P99_MS:
        missed.append("p99 latency")
    if lost or len(latencies) < expected:
        missed.append("lost messages")
    if tally.duplicates:
        missed.append("duplicated messages")
    if missed:
        print("MISSED: " + ", ".join(missed))
        return 1
    print("All goals met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
