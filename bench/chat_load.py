"""Live chat under load: 200 chats at once, simulated readers and nurses over WebSockets on 127.0.0.1.

Two daphne processes serve the ASGI application (cancerinfo/asgi.py) with production settings, sharing a Redis of
the bench's own (a redis-server started on a free port and stopped at the end: the machine's Redis is never touched)
as the channel layer, and a SQLite database (BENCH_DATABASE_URL for PostgreSQL). Readers and nurses connect to either
server, so most messages cross from one process to the other through Redis.

Each of the 200 readers sends MESSAGES messages, PACE seconds apart on average (0.6 to 1.4 times PACE); the nurse
holding the chat (20 nurses, 10 chats each) answers each one at once. The pace is the load. People in a chat write
about once or twice a minute (a message is typed, often on a phone, and the other side's is read first); the default
pace of a message every 5 s from every reader, each answered at once, is about 70 messages a second over 200 chats: six
times or more what 200 real chats send. `--pace 1` (360 messages a second) is a stress figure, past what 2 workers on
2 cores can carry (a message costs the workers about 6 ms of CPU: see the CPU line).

Measured, for every message, from the moment its sender sends it to the moment the other side receives it: the
latency percentiles, messages lost (acknowledged but never received by the other side) and messages stored twice (two
ids for one client id). Goal: p99 <= 250 ms, none lost, none twice; the run exits non-zero on a missed goal. The
measured part lasts under a minute at the default pace (setup, a migrated database, is before it). Also printed: the
CPU time the daphne workers, redis-server and this client used while measuring (from /proc), and the workers' CPU per
delivered message: a figure that does not depend on what else the machine is doing (with PostgreSQL, the database
server's own processes are not in it).

Usage: python bench/chat_load.py [--chats 200] [--messages 5] [--pace 5] [--nurses 20] [--restart-redis] (the fault
test: see docs/chat.md, "Load and faults")
"""

import argparse
import asyncio
import contextlib
import json
import os
import random
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import websockets
from _servers import free_port, start, stop, wait_for_port
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


def server_command(port: int) -> list[str]:
    return [PYTHON, "-m", "daphne", "--bind", "127.0.0.1", "--port", str(port), "cancerinfo.asgi:application"]


def cpu_seconds(pid: int) -> float:
    """User plus system CPU time a process has used (Linux /proc): what the servers cost, however busy the machine."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Tally:
    def __init__(self):
        self.sent: dict[str, float] = {}  # client_id -> when first sent
        self.received: dict[str, float] = {}  # client_id -> when the other side first received it
        self.stored_as: dict[str, int] = {}  # client_id -> the id the other side received it under
        self.duplicates = 0  # a message stored twice: the other side got two ids for one client_id
        self.acked: set[str] = set()
        self.reconnects = 0

    def receive(self, client_id: str, message_id: int) -> None:
        """A message from the other side. The same id again (sent on after a reconnect) is shown once, as the pages
        do; the same client_id under another id would be a message stored twice."""
        if client_id not in self.stored_as:
            self.stored_as[client_id] = message_id
            self.received[client_id] = time.monotonic()
        elif self.stored_as[client_id] != message_id:
            self.duplicates += 1


# What the pages do when their socket closes (chat.js, console.js): connect again after 1 s, then 2, 4... (at most
# 15 s); a reader says which message it saw last; messages not yet acknowledged are sent again with their ids.
CLOSED = (OSError, websockets.ConnectionClosed, websockets.InvalidHandshake, TimeoutError)
PONG_TIMEOUT_SECONDS = 10.0  # as the pages: a ping with no pong in this time closes the socket, and they reconnect


async def keep_pinging(socket_, every: float, ponged: asyncio.Event, before=None) -> None:
    """A ping every `every` seconds while connected (after `before`, if given). One with no pong within
    PONG_TIMEOUT_SECONDS closes the socket: the server's side of it is stuck, and would never close it itself."""
    with contextlib.suppress(*CLOSED):
        while True:
            await asyncio.sleep(every)
            if before is not None:
                await before()
            ponged.clear()
            await socket_.send(json.dumps({"type": "ping"}))
            try:
                async with asyncio.timeout(PONG_TIMEOUT_SECONDS):
                    await ponged.wait()
            except TimeoutError:
                await socket_.close(code=4000, reason="no pong")
                return


async def keep_connected(connect_once, tally: Tally, stop_at: list) -> None:
    delay = 1.0
    while time.monotonic() < stop_at[0]:
        try:
            async with asyncio.timeout(max(0.1, stop_at[0] - time.monotonic())):
                await connect_once()
            delay = 1.0
        except CLOSED:
            pass
        if time.monotonic() >= stop_at[0]:
            return
        tally.reconnects += 1
        await asyncio.sleep(delay)
        delay = min(delay * 2, 15.0)


async def reader(
    url: str, chat: dict, messages: int, pace: float, tally: Tally, ready: asyncio.Event, stop_at: list
) -> None:
    last_id = 0
    outbox: dict[str, str] = {}  # client_id -> text, until acknowledged
    current: list = [None]  # the open socket, if any

    async def send(client_id: str) -> None:
        if current[0] is not None:
            with contextlib.suppress(*CLOSED):
                await current[0].send(
                    json.dumps({"type": "message", "body": outbox[client_id], "client_id": client_id})
                )

    async def connect_once() -> None:
        nonlocal last_id
        async with websockets.connect(url, origin="http://127.0.0.1", max_queue=None) as socket_:
            await socket_.send(json.dumps({"type": "hello", "token": chat["token"], "after": last_id}))
            current[0] = socket_
            ponged = asyncio.Event()
            pinger = asyncio.create_task(keep_pinging(socket_, 10, ponged))  # chat.js: a ping every 10 s
            try:
                for client_id in list(outbox):
                    await send(client_id)
                async for frame in socket_:
                    data = json.loads(frame)
                    if data["type"] == "pong":
                        ponged.set()
                    elif data["type"] == "ack":
                        tally.acked.add(data["client_id"])
                        outbox.pop(data["client_id"], None)
                    elif data["type"] == "message":
                        last_id = max(last_id, data["id"])
                        if data["sender"] == "nurse":
                            tally.receive(data["client_id"], data["id"])
            finally:
                current[0] = None
                pinger.cancel()

    async def write() -> None:
        await ready.wait()
        await asyncio.sleep(random.uniform(0, pace))  # readers start spread over one pace
        for n in range(messages):
            client_id = f"r{chat['id']}-{n}"
            tally.sent[client_id] = time.monotonic()
            outbox[client_id] = f"Question {n}"
            await send(client_id)
            await asyncio.sleep(random.uniform(0.6, 1.4) * pace)

    connection = asyncio.create_task(keep_connected(connect_once, tally, stop_at))
    await write()
    await connection


async def nurse(url: str, nurse_: dict, tally: Tally, connected: list, stop_at: list) -> None:
    headers = {"Cookie": f"sessionid={nurse_['session']}"}
    outbox: dict[str, int] = {}  # client_id -> chat, until acknowledged
    first = [True]

    async def answer(socket_, chat_id: int, client_id: str) -> None:
        message = {"type": "message", "chat": chat_id, "body": "An answer", "client_id": client_id}
        with contextlib.suppress(*CLOSED):
            await socket_.send(json.dumps(message))

    async def resend(socket_) -> None:  # console.js: every 5 s, what is still in the outbox, then a ping
        for client_id, chat_id in list(outbox.items()):
            await answer(socket_, chat_id, client_id)

    async def connect_once() -> None:
        async with websockets.connect(url, origin="http://127.0.0.1", additional_headers=headers, max_queue=None) as ws:
            if first[0]:
                first[0] = False
                connected.append(1)
            ponged = asyncio.Event()
            pinger = asyncio.create_task(keep_pinging(ws, 5, ponged, before=lambda: resend(ws)))
            try:
                await resend(ws)
                async for frame in ws:
                    data = json.loads(frame)
                    if data["type"] == "pong":
                        ponged.set()
                    elif data["type"] == "ack":
                        tally.acked.add(data["client_id"])
                        outbox.pop(data["client_id"], None)
                    if data["type"] != "message" or data["sender"] != "reader":
                        continue
                    answer_id = "n" + data["client_id"][1:]
                    if data["client_id"] in tally.stored_as or answer_id in outbox:
                        continue  # sent on again after a reconnect: answered already
                    tally.receive(data["client_id"], data["id"])
                    tally.sent[answer_id] = time.monotonic()
                    outbox[answer_id] = data["chat"]
                    await answer(ws, data["chat"], answer_id)
            finally:
                pinger.cancel()

    await keep_connected(connect_once, tally, stop_at)


async def run_load(ports: list[int], setup: dict, messages: int, pace: float, restart_redis=None) -> Tally:
    """`restart_redis`, if given, is called (in a thread) halfway through the messages."""
    tally = Tally()
    urls = [f"ws://127.0.0.1:{port}/chat/ws/" for port in ports]
    ready = asyncio.Event()
    connected: list = []
    grace = 25.0 if restart_redis else 2.0  # after the last question: time for the answers (and reconnects)
    stop_at = [time.monotonic() + 3600]
    nurses = [
        asyncio.create_task(nurse(urls[i % 2] + "nurse/", n, tally, connected, stop_at))
        for i, n in enumerate(setup["nurses"])
    ]
    while len(connected) < len(nurses):
        await asyncio.sleep(0.05)
    readers = [
        asyncio.create_task(reader(urls[(i + 1) % 2] + "reader/", chat, messages, pace, tally, ready, stop_at))
        for i, chat in enumerate(setup["chats"])
    ]
    await asyncio.sleep(1.0)  # every reader has said hello
    ready.set()
    if restart_redis:
        await asyncio.sleep(messages * pace / 2)
        await asyncio.to_thread(restart_redis)
    # The questions are sent within (messages + 1) * 1.4 paces; then the answers, until all are in or the grace is over.
    questions_end = time.monotonic() + (messages + 1) * 1.4 * pace + 1.0
    while time.monotonic() < questions_end + grace:
        await asyncio.sleep(0.25)
        if time.monotonic() > questions_end and len(tally.received) >= len(setup["chats"]) * messages * 2:
            break
    stop_at[0] = time.monotonic()
    for client in readers + nurses:  # every question is sent by now: close what is still connected
        client.cancel()
    await asyncio.gather(*readers, *nurses, return_exceptions=True)
    return tally


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chats", type=int, default=200)
    parser.add_argument("--messages", type=int, default=5)
    parser.add_argument("--pace", type=float, default=5.0, help="seconds between one reader's messages, on average")
    parser.add_argument("--nurses", type=int, default=20)
    parser.add_argument(
        "--restart-redis",
        action="store_true",
        help="the fault test: restart the channel layer's Redis halfway (goals: none lost, none twice)",
    )
    args = parser.parse_args()
    if not shutil.which("redis-server"):
        raise SystemExit("needs redis-server (apt-get install redis-server)")

    processes: list[subprocess.Popen] = []
    with tempfile.TemporaryDirectory(prefix="chat-bench-") as folder:
        tmp = Path(folder)
        redis_port = free_port()
        redis_command = [
            "redis-server",
            "--port",
            str(redis_port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--dir",
            folder,
        ]
        processes.append(start(redis_command))
        wait_for_port(redis_port)
        restarts: list[float] = []

        def restart_redis() -> None:
            """Stop the channel layer's Redis (everything in it is lost: groups, queued notices) and start it again."""
            began = time.monotonic()
            stop(processes[:1])
            time.sleep(1.0)
            processes[0] = start(redis_command)
            wait_for_port(redis_port)
            restarts.append(time.monotonic() - began)
            print(f"Redis restarted: down for {restarts[-1]:.1f} s", flush=True)

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
                processes.append(start(server_command(port), env, log=LOG_DIR / f"daphne-{port}.log"))
            for port in ports:
                wait_for_port(port)
            print(
                f"Measuring: {args.chats} chats, {args.messages} messages each way, one from each reader every "
                f"{args.pace:g} s on average, 2 daphne workers",
                flush=True,
            )
            workers = processes[1:]
            cpu_before = [cpu_seconds(process.pid) for process in workers]
            redis_before = cpu_seconds(processes[0].pid)
            client_before = time.process_time()
            began = time.monotonic()
            tally = asyncio.run(
                run_load(ports, setup, args.messages, args.pace, restart_redis if args.restart_redis else None)
            )
            elapsed = time.monotonic() - began
            cpu = [cpu_seconds(process.pid) - before for process, before in zip(workers, cpu_before, strict=True)]
            redis_cpu = cpu_seconds(processes[0].pid) - (0 if restarts else redis_before)
            client_cpu = time.process_time() - client_before
        finally:
            stop(processes)

    latencies = sorted((tally.received[k] - tally.sent[k]) * 1000 for k in tally.received if k in tally.sent)
    expected = args.chats * args.messages * 2
    lost = len([k for k in tally.acked if k not in tally.received])  # stored and acknowledged, never seen
    unacknowledged = len([k for k in tally.sent if k not in tally.acked])
    p50 = statistics.median(latencies) if latencies else float("nan")
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))] if latencies else float("nan")
    latency_goal = "no goal during the fault" if args.restart_redis else f"goal p99 <= {GOAL_P99_MS:.0f} ms"
    if args.restart_redis:
        print(f"fault      Redis restarted {len(restarts)} time(s); clients reconnected {tally.reconnects} times")
    # From the first message sent to the last one received: the rate while the chats were talking.
    talking = max(tally.received.values(), default=0) - min(tally.sent.values(), default=0)
    rate = len(latencies) / talking if talking > 0 else 0
    print(f"messages   {len(latencies)} of {expected} delivered, {rate:.0f} a second over the {talking:.1f} s of talk")
    print(f"latency    p50 {p50:.1f} ms   p99 {p99:.1f} ms   ({latency_goal})")
    print(f"lost       {lost} acknowledged but never received, {unacknowledged} never acknowledged   (goal 0)")
    print(f"duplicated {tally.duplicates}   (goal 0)")
    delivered = max(1, len(latencies))
    print(
        f"CPU        daphne {sum(cpu):.1f} s ({sum(cpu) / delivered * 1000:.2f} ms a message), "
        f"redis-server {redis_cpu:.1f} s, this client {client_cpu:.1f} s, over {elapsed:.1f} s on {os.cpu_count()} CPUs"
    )
    missed = []
    if not args.restart_redis and (not latencies or p99 > GOAL_P99_MS):
        missed.append("p99 latency")
    if lost or len(latencies) < expected:
        missed.append("lost messages")
    if args.restart_redis and not restarts:
        missed.append("Redis was not restarted")
    if tally.duplicates:
        missed.append("duplicated messages")
    if missed:
        print("MISSED: " + ", ".join(missed))
        return 1
    print("All goals met.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
