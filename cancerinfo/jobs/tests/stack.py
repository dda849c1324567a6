"""A real site for fault tests: its own database, gunicorn with production settings, `run_worker` processes and an
SMTP server (aiosmtpd) on 127.0.0.1 that can be stopped and started. Used by test_faults.py (short outages) and by
bench/faults.py (the 60-second outage of the issue).

Every scenario returns plain counts so the test asserts them and the benchmark prints them.
"""

import contextlib
import http.cookiejar
import json
import logging
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from email import message_from_bytes
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
ASK = "/contact-us/ask-a-nurse/"
PORT_RANGE = range(8100, 8200)  # this machine's ports for servers started by these tests


def free_port(exclude: set[int] = frozenset()) -> int:
    """A free port in the range, searched from a place that depends on this process, so two runs started at once
    (their servers not listening yet) rarely pick the same one."""
    start = os.getpid() % len(PORT_RANGE)
    for port in [*PORT_RANGE[start:], *PORT_RANGE[:start]]:
        if port in exclude:
            continue
        with socket.socket() as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("No free port in 8100-8199")


class SmtpSink:
    """A real SMTP server that keeps what it receives; `stop()` closes its port (the mail server is down)."""

    def __init__(self, port: int):
        self.port = port
        self.received: list[dict] = []
        self.lock = threading.Lock()
        self.controller = None

    def start(self) -> None:
        from aiosmtpd.controller import Controller

        logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every connection
        sink = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
                message = message_from_bytes(envelope.content)
                with sink.lock:
                    sink.received.append(
                        {"message_id": message["Message-ID"], "to": envelope.rcpt_tos, "subject": message["Subject"]}
                    )
                return "250 Message accepted for delivery"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def messages(self) -> list[dict]:
        with self.lock:
            return list(self.received)


class LoopbackCookiePolicy(http.cookiejar.DefaultCookiePolicy):
    """Production cookies are Secure (HTTPS only); these scripts talk plain HTTP to 127.0.0.1 on purpose."""

    def return_ok_secure(self, cookie, request):
        return True


class Visitor:
    def __init__(self, base: str):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar(policy=LoopbackCookiePolicy()))
        )

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(self.base + path, timeout=20) as response:
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")
        except OSError:
            return 0, ""

    def post(self, path: str, data: dict) -> tuple[int, str]:
        request = urllib.request.Request(
            self.base + path, data=urllib.parse.urlencode(data).encode(), headers={"Referer": self.base + path}
        )
        try:
            with self.opener.open(request, timeout=20) as response:
                return response.status, response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def form_fields(self, html: str) -> dict:
        return dict(re.findall(r'<input type="hidden" name="(csrfmiddlewaretoken|started)" value="([^"]*)"', html))

    def ask(self, question: str, email: str) -> tuple[int, str | None, float]:
        """Ask the nurses a question; (status, reference shown, seconds the answer took)."""
        status, html = self.get(ASK)
        if status != 200:
            return status, None, 0.0
        data = {**self.form_fields(html), "question": question, "about": "me", "email": email, "consent": "on"}
        data["website"] = ""  # the honeypot stays empty
        started = time.monotonic()
        status, page = self.post(ASK, data)
        seconds = time.monotonic() - started
        match = re.search(r'<strong class="reference">([^<]+)</strong>', page)
        return status, match.group(1) if match else None, seconds

    def sign_in(self, username: str, password: str) -> bool:
        status, html = self.get("/admin/login/")
        fields = dict(re.findall(r'name="(csrfmiddlewaretoken)" value="([^"]*)"', html))
        status, page = self.post("/admin/login/", {**fields, "username": username, "password": password})
        return status == 200 and "/admin/logout/" in page


class Stack:
    """The site, its database, its workers and its mail server. Use as a context manager."""

    def __init__(self, database_url: str | None = None, **settings: str):
        from cryptography.fernet import Fernet

        self.work = Path(tempfile.mkdtemp(prefix="cancerinfo-jobs-faults-"))
        self.own_postgres = None
        if database_url and database_url.startswith("postgres"):
            base, given = database_url.rsplit("/", 1)
            name = f"{given.split('?')[0]}_jobfaults_{os.getpid()}"  # beside the database it was given
            self.own_postgres = (base + "/postgres", name)
            database_url = f"{base}/{name}"
        self.database_url = database_url or f"sqlite:///{self.work / 'site.sqlite3'}"
        self.web_port = free_port()
        self.smtp = SmtpSink(free_port({self.web_port}))
        self.base = f"http://127.0.0.1:{self.web_port}"
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_"))},
            "DJANGO_SETTINGS_MODULE": "cancerinfo.settings.production",
            "DATABASE_URL": self.database_url,
            "SECRET_KEY": "jobs-fault-tests-only-" + "x" * 40,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "ENQUIRY_ENCRYPTION_KEY": Fernet.generate_key().decode(),
            "SILENCED_SYSTEM_CHECKS": "donations.E003",  # a test rig takes no donations (the sandbox provider)
            "ENQUIRY_RATE_LIMIT_PER_HOUR": "1000000",
            "ENQUIRY_MIN_FILL_SECONDS": "0",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.smtp.port),
            "EMAIL_TIMEOUT": "5",
            "PUBLICATIONS_PDF_ON_PUBLISH": "false",
            "SEARCH_SEMANTIC": "false",
            "LOG_LEVEL": "ERROR",
            "STATIC_ROOT": str(self.work / "static"),
            "MEDIA_ROOT": str(self.work / "media"),
            "GUNICORN_PRELOAD": "false",
            "JOBS_HEARTBEAT_SECONDS": "1",
            "JOBS_WORKER_LOST_SECONDS": "5",
            **settings,
        }
        self.env.pop("REDIS_URL", None)
        self.gunicorn = None
        self.workers: list[subprocess.Popen] = []

    # -- set-up ---------------------------------------------------------------------------------------------------
    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=600
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args[:2])} failed:\n{result.stderr[-3000:]}")
        return result.stdout

    def shell(self, code: str) -> str:
        return self.manage("shell", "-c", code)

    def __enter__(self):
        if self.own_postgres:
            self._psql(f"DROP DATABASE IF EXISTS {self.own_postgres[1]}")
            self._psql(f"CREATE DATABASE {self.own_postgres[1]}")
        self.manage("migrate", "--no-input", "-v0")
        self.manage("collectstatic", "--no-input", "-v0")
        self.shell(
            "from cancerinfo.core.demo import build_site; build_site()\n"
            "from django.contrib.auth.models import Group, User\n"
            # A Publisher may read the jobs report and, unlike a superuser, signs in without a second factor.
            "user = User.objects.create_user('faults', 'faults@example.org', 'faults-password-123', is_staff=True)\n"
            "user.groups.add(Group.objects.get(name='Publishers'))"
        )
        self.smtp.start()
        self.gunicorn = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "--workers", "2"]
            + ["--bind", f"127.0.0.1:{self.web_port}", "--access-logfile", "/dev/null"],
            cwd=ROOT,
            env=self.env,
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=open(self.work / "gunicorn.log", "wb"),  # noqa: SIM115
        )
        for _ in range(120):
            if Visitor(self.base).get("/")[0] == 200:
                break
            time.sleep(0.5)
        else:
            raise RuntimeError("gunicorn did not start: " + (self.work / "gunicorn.log").read_text()[-3000:])
        return self

    def __exit__(self, *exc):
        for process in [*self.workers, self.gunicorn]:
            if process is not None and process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
        self.smtp.stop()
        if self.own_postgres:
            with contextlib.suppress(Exception):
                self._psql(f"DROP DATABASE IF EXISTS {self.own_postgres[1]} WITH (FORCE)")
        shutil.rmtree(self.work, ignore_errors=True)

    def _psql(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.own_postgres[0].replace("postgres://", "postgresql://"), autocommit=True) as db:
            db.execute(sql)

    # -- workers ----------------------------------------------------------------------------------------------------
    def start_worker(self, **settings: str) -> subprocess.Popen:
        log = open(self.work / f"worker-{len(self.workers)}.log", "wb")  # noqa: SIM115
        process = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker", "--interval", "0.2"],
            cwd=ROOT,
            env={**self.env, **settings},
            start_new_session=True,
            stdout=log,
            stderr=log,
        )
        self.workers.append(process)
        return process

    def stop_workers(self) -> None:
        """SIGTERM: each worker finishes its job and stops."""
        for process in self.workers:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=120)

    def kill_worker(self, process: subprocess.Popen) -> None:
        """SIGKILL: no chance to finish or tidy up, as when a machine dies or the kernel kills it for memory."""
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    # -- reading the site's database ------------------------------------------------------------------------------
    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        if self.database_url.startswith("sqlite"):
            with contextlib.closing(sqlite3.connect(self.database_url.removeprefix("sqlite:///"), timeout=20)) as db:
                return db.execute(sql, params).fetchall()
        import psycopg

        with psycopg.connect(self.database_url.replace("postgres://", "postgresql://")) as db:
            return db.execute(sql.replace("?", "%s"), params).fetchall()

    def wait_for(self, condition, timeout: float, interval: float = 0.25):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = condition()
            if value:
                return value
            time.sleep(interval)
        return condition()


TASKS = "django_tasks_database_dbtaskresult"
PATH_DELIVER = "cancerinfo.jobs.mail.deliver_email"


def mail_outage(stack: Stack, enquiries: int = 50, outage_seconds: float = 60) -> dict:
    """The mail server is down for `outage_seconds` while `enquiries` people ask a question. Counts what was
    acknowledged at once, and which confirmations arrived, once or more, after the server came back."""
    stack.smtp.stop()
    down_at = time.monotonic()
    visitor = Visitor(stack.base)
    addresses, slowest, acknowledged = [], 0.0, 0
    for number in range(enquiries):
        address = f"reader-{number}@example.org"
        status, reference, seconds = visitor.ask(f"Mail server down: question {number}", address)
        slowest = max(slowest, seconds)
        acknowledged += bool(status == 200 and reference)
        addresses.append(address)
    time.sleep(max(0.0, outage_seconds - (time.monotonic() - down_at)))
    delivered_during_outage = len(stack.smtp.messages())
    stack.smtp.start()
    back_at = time.monotonic()

    def confirmations() -> list[dict]:
        return [m for m in stack.smtp.messages() if m["to"] and m["to"][0] in addresses]

    stack.wait_for(lambda: len({m["to"][0] for m in confirmations()}) >= len(addresses), timeout=outage_seconds + 120)
    all_arrived = time.monotonic() - back_at
    time.sleep(3)  # long enough for a duplicate to show up
    received = confirmations()
    per_address = {address: sum(1 for m in received if m["to"][0] == address) for address in addresses}
    queued = stack.query("SELECT COUNT(*) FROM jobs_outgoingemail")[0][0]
    every_message = stack.smtp.messages()
    return {
        "enquiries": enquiries,
        "acknowledged": acknowledged,
        "slowest_acknowledgement_s": round(slowest, 2),
        "sent": queued,  # every e-mail the site sent (confirmations and the nurses' notifications)
        "delivered": len({m["message_id"] for m in every_message}),
        "duplicated": len(every_message) - len({m["message_id"] for m in every_message}),
        "lost": queued - len({m["message_id"] for m in every_message}),
        "confirmations_once": sum(1 for n in per_address.values() if n == 1),
        "confirmations_twice": sum(1 for n in per_address.values() if n > 1),
        "confirmations_missing": sum(1 for n in per_address.values() if n == 0),
        "delivered_during_outage": delivered_during_outage,
        "all_delivered_s_after_recovery": round(all_arrived, 1),
    }


PDF_BOOKLET = """
from cancerinfo.booklets.models import BookletPage, BookletSectionPage
from wagtail.models import Page
home = Page.objects.get(depth=2)
booklet = BookletPage(title="Worker kill booklet", slug="worker-kill-booklet", summary="Sample content.")
home.add_child(instance=booklet)
booklet.save_revision().publish()
text = "<p>" + "Plain words about what happens next and what you can do about it. " * 12 + "</p>"
for number in range({sections}):
    body = [("paragraph", text * 3)]
    section = BookletSectionPage(title=f"Section {{number}}", slug=f"section-{{number}}", body=body)
    booklet.add_child(instance=section)
    section.save_revision().publish()
from cancerinfo.publications.tasks import generate_booklet_pdfs
print("JOB", generate_booklet_pdfs.enqueue(booklet.pk).id, booklet.pk)
"""


def worker_killed_mid_pdf(stack: Stack, sections: int = 60) -> dict:
    """A worker is killed (SIGKILL) while it makes a booklet's PDFs; another worker is started."""
    output = stack.shell(PDF_BOOKLET.format(sections=sections))
    job_id, booklet_id = re.search(r"JOB (\S+) (\d+)", output).groups()
    job_id = job_id.replace("-", "")

    def status():
        rows = stack.query(f"SELECT status FROM {TASKS} WHERE replace(CAST(id AS TEXT), '-', '') = ?", (job_id,))  # noqa: S608
        return rows[0][0] if rows else None

    first = stack.start_worker()
    was_running = stack.wait_for(lambda: status() == "RUNNING", timeout=60)
    time.sleep(1.5)  # well into the PDF
    still_running = status() == "RUNNING"
    stack.kill_worker(first)
    killed_at = time.monotonic()
    stack.start_worker()
    stack.wait_for(lambda: status() in ("SUCCESSFUL", "FAILED"), timeout=300)
    finished = status()
    records = stack.query(
        "SELECT variant, COUNT(*) FROM publications_bookletpdf WHERE booklet_id = ? GROUP BY variant",
        (int(booklet_id),),
    )
    return {
        "killed_while_running": bool(was_running and still_running),
        "outcome": finished,
        "completed_s_after_kill": round(time.monotonic() - killed_at, 1),
        "pdf_records": dict(records),
    }


def job_that_keeps_failing(stack: Stack, retries: int = 3) -> dict:
    """An e-mail to a mail server that never comes back: its job stops after its retries and the admin shows it."""
    stack.stop_workers()
    stack.smtp.stop()
    stack.start_worker(EMAIL_RETRIES=str(retries), EMAIL_RETRY_SECONDS="1", EMAIL_RETRY_MAX_SECONDS="2")
    output = stack.shell(
        "from django.core.mail import send_mail\n"
        "from cancerinfo.jobs.models import OutgoingEmail\n"
        "send_mail('Never delivered', 'Body', None, ['nobody@example.org'])\n"
        "print('EMAIL', OutgoingEmail.objects.get(subject='Never delivered').pk)"
    )
    email_id = int(re.search(r"EMAIL (\d+)", output).group(1))

    def attempts(*statuses: str) -> int:
        rows = stack.query(f"SELECT status, args_kwargs FROM {TASKS} WHERE task_path = ?", (PATH_DELIVER,))  # noqa: S608
        return sum(
            1
            for status, args_kwargs in rows
            if status in statuses
            and (json.loads(args_kwargs) if isinstance(args_kwargs, str) else args_kwargs)["args"] == [email_id]
        )

    stack.wait_for(lambda: attempts("FAILED") >= retries + 1, timeout=60 + 5 * retries)
    time.sleep(2)  # a further retry, if one were (wrongly) queued, would have run by now
    failed, waiting = attempts("FAILED"), attempts("READY", "RUNNING")
    email_status = stack.query("SELECT status FROM jobs_outgoingemail WHERE subject = 'Never delivered'")[0][0]
    admin = Visitor(stack.base)
    admin.sign_in("faults", "faults-password-123")
    status, html = admin.get("/admin/jobs/")
    stack.smtp.start()
    return {
        "attempts": failed,
        "still_queued": waiting,
        "email_status": email_status,
        "admin_status": status,
        "admin_shows_gave_up": f"Attempt {retries + 1}: gave up" in html,
        "admin_shows_error": "ConnectionRefusedError" in html,
    }
