"""Fault script: the production stack keeps pages up when Redis stops, and loses no acknowledged submission when
PostgreSQL restarts under a bounded load of "ask a nurse" submissions.

Runs against this machine's PostgreSQL and Redis (see ../shared/services.md), in a database of its own
(cancerinfo_faults), with gunicorn (2 workers) on 127.0.0.1. Stops and restarts the local services: run it on a
development or CI machine, never on a live server. Then the background jobs under faults, on a site of their own:
the mail server down for 60 s while 50 people ask a question (sent / delivered / duplicated / lost), a worker
killed in the middle of a PDF, a job that never succeeds. Usage: python bench/faults.py [--load-seconds 20]
[--mail-outage-seconds 60] [--only-jobs]
"""

import argparse
import http.cookiejar
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from _servers import start, stop
from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
PORT = 18101
BASE = f"http://127.0.0.1:{PORT}"
DB_NAME = "cancerinfo_faults"
PG_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
REDIS_URL = "redis://127.0.0.1:6379/7"
ASK = "/contact-us/ask-a-nurse/"
CONTENT_PAGES = ["/", "/cancer-types/", "/a-z/", "/contact-us/", ASK]
REDIS_START = [
    "redis-server",
    "--daemonize",
    "yes",
    "--bind",
    "127.0.0.1",
    "-::1",
    "--port",
    "6379",
    "--save",
    "",
    "--appendonly",
    "no",
    "--dir",
    "/var/lib/redis",
    "--logfile",
    "/var/log/redis/ci.log",
]


def pg_cluster() -> list[str]:
    version = sorted(os.listdir("/etc/postgresql"))[0]
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main"]


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc", sql], check=True, capture_output=True
    )


class LoopbackCookiePolicy(http.cookiejar.DefaultCookiePolicy):
    """Production cookies are Secure (HTTPS only); this script talks plain HTTP to 127.0.0.1 on purpose."""

    def return_ok_secure(self, cookie, request):
        return True


class Visitor:
    """One person with a browser: cookies, a CSRF token, the form's fields."""

    def __init__(self):
        self.jar = http.cookiejar.CookieJar(policy=LoopbackCookiePolicy())
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path: str) -> tuple[int, str]:
        try:
            with self.opener.open(BASE + path, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")
        except OSError:
            return 0, ""

    def ask(self, question: str) -> tuple[int, str | None]:
        status, html = self.get(ASK)
        if status != 200:
            return status, None
        fields = dict(re.findall(r'<input type="hidden" name="(csrfmiddlewaretoken|started)" value="([^"]*)"', html))
        data = {
            **fields,
            "question": question,
            "about": "me",
            "email": "load@example.org",
            "consent": "on",
            "website": "",
        }
        request = urllib.request.Request(
            BASE + ASK, data=urllib.parse.urlencode(data).encode(), headers={"Referer": BASE + ASK}
        )
        try:
            with self.opener.open(request, timeout=15) as response:
                page = response.read().decode()
                match = re.search(r'<strong class="reference">([^<]+)</strong>', page)
                return response.status, match.group(1) if match else None
        except urllib.error.HTTPError as error:
            return error.code, None
        except OSError:
            return 0, None


def manage(env: dict, *args: str, capture: bool = False) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--load-seconds", type=int, default=20)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--mail-outage-seconds", type=int, default=60)
    parser.add_argument("--only-jobs", action="store_true", help="Only the background-job faults (no service stops)")
    args = parser.parse_args()
    if args.only_jobs:
        findings = background_job_faults(args.mail_outage_seconds)
        report_findings(findings)

    psql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    psql(f"CREATE DATABASE {DB_NAME}")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cancerinfo.settings.production",
        "DATABASE_URL": PG_URL,
        "DATABASE_CONN_MAX_AGE": "60",
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "ENQUIRY_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        # A test rig: it takes no donations and keeps its e-mail in memory; production refuses both otherwise.
        "SILENCED_SYSTEM_CHECKS": "donations.E003,deployment.E005",
        "ENQUIRY_RATE_LIMIT_PER_HOUR": "1000000",
        "ENQUIRY_MIN_FILL_SECONDS": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "PUBLICATIONS_PDF_ON_PUBLISH": "false",
        "LOG_LEVEL": "CRITICAL",
        "STATIC_ROOT": tempfile.mkdtemp(prefix="cancerinfo-faults-static-"),
    }
    print("Setting up the database ...", flush=True)
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "collectstatic", "--no-input", "-v0")
    manage(env, "shell", "-c", "from cancerinfo.core.demo import build_site; build_site()")
    gunicorn = start(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "deploy/gunicorn.conf.py",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--access-logfile",
            "/dev/null",
            "--error-logfile",
            "/dev/null",
        ],
        env=env,
        cwd=ROOT,
        quiet=False,  # its output on the terminal, as the script's own
    )
    findings = []
    try:
        for _ in range(60):
            if Visitor().get("/")[0] == 200:
                break
            time.sleep(0.5)

        # 1. Redis stops: pages still 200, forms still acknowledged.
        subprocess.run(["redis-cli", "-p", "6379", "shutdown", "nosave"], capture_output=True)
        time.sleep(1)
        statuses = {path: Visitor().get(path)[0] for path in CONTENT_PAGES}
        ask_status, reference = Visitor().ask("Redis is stopped: is this still saved?")
        subprocess.run(REDIS_START, check=True, capture_output=True)
        redis_ok = all(code == 200 for code in statuses.values()) and reference is not None
        print(f"Redis stopped: page statuses {statuses}; ask a nurse -> {ask_status}, reference {reference}")
        findings.append(("pages and forms work with Redis stopped", redis_ok))

        # 2. PostgreSQL restarts under a bounded load of submissions.
        acknowledged: list[str] = []
        outcomes: dict[int, int] = {}
        first_success_after_restart: list[float] = []
        lock = threading.Lock()
        restarted_at: list[float] = []
        stop_at = time.monotonic() + args.load_seconds

        def submit_loop(number: int) -> None:
            visitor = Visitor()
            count = 0
            while time.monotonic() < stop_at:
                count += 1
                status, reference = visitor.ask(f"Load question {number}-{count}")
                with lock:
                    outcomes[status] = outcomes.get(status, 0) + 1
                    if reference:
                        acknowledged.append(reference)
                        if restarted_at and not first_success_after_restart:
                            first_success_after_restart.append(time.monotonic() - restarted_at[0])
                    elif status not in (200, 503):
                        pass
                if status != 200:
                    time.sleep(0.2)

        threads = [threading.Thread(target=submit_loop, args=(n,)) for n in range(args.threads)]
        for thread in threads:
            thread.start()
        time.sleep(args.load_seconds / 4)
        print("Stopping PostgreSQL for 5 seconds ...", flush=True)
        subprocess.run([*pg_cluster(), "stop", "-m", "fast"], check=True, capture_output=True)
        time.sleep(5)
        subprocess.run([*pg_cluster(), "start"], check=True, capture_output=True)
        restarted_at.append(time.monotonic())
        for thread in threads:
            thread.join(timeout=args.load_seconds + 60)

        stored = set(
            re.findall(
                r"\bAN-[A-Z0-9]{4}-[A-Z0-9]{4}\b",
                manage(
                    env,
                    "shell",
                    "-c",
                    "from cancerinfo.enquiries.models import Enquiry; "
                    "print(chr(10).join(Enquiry.objects.values_list('reference', flat=True)))",
                ),
            )
        )
        lost = [ref for ref in acknowledged if ref not in stored]
        print(f"Submissions by status: {dict(sorted(outcomes.items()))}")
        print(
            f"Acknowledged: {len(acknowledged)}; in the database: {len(stored)}; acknowledged but missing: {len(lost)}"
        )
        recovery = first_success_after_restart[0] if first_success_after_restart else None
        print(
            f"First acknowledged submission {recovery:.1f} s after PostgreSQL started again"
            if recovery is not None
            else "No submission succeeded after the restart"
        )
        findings.append(("no acknowledged submission lost", not lost and bool(acknowledged)))
        findings.append(("outage requests got 503, never 500", outcomes.get(500, 0) == 0))
        findings.append(("recovered by itself within 30 s", recovery is not None and recovery <= 30))
    finally:
        stop([gunicorn], grace=30)
        subprocess.run(REDIS_START, capture_output=True)  # in case it is still stopped
        subprocess.run([*pg_cluster(), "start"], capture_output=True)
        time.sleep(1)
        psql(f"DROP DATABASE IF EXISTS {DB_NAME}")
        shutil.rmtree(env["STATIC_ROOT"], ignore_errors=True)

    findings += background_job_faults(args.mail_outage_seconds)
    report_findings(findings)


def background_job_faults(outage_seconds: int) -> list[tuple[str, bool]]:
    """The real worker under faults: the mail server down while 50 people ask a question, a worker killed in the
    middle of a PDF, a job that never succeeds (cancerinfo/jobs/tests/stack.py; the suite runs short versions)."""
    sys.path.insert(0, str(ROOT))
    from cancerinfo.jobs.tests import stack as jobs_faults

    print(f"\nBackground jobs: starting a site, a worker and an SMTP server (mail down for {outage_seconds} s) ...")
    findings = []
    with jobs_faults.Stack(database_url=PG_URL) as site:  # EMAIL_RETRY_* at their production defaults
        site.start_worker()
        mail = jobs_faults.mail_outage(site, enquiries=50, outage_seconds=outage_seconds)
        print(
            f"Mail server down {outage_seconds} s, 50 enquiries: acknowledged {mail['acknowledged']} "
            f"(slowest {mail['slowest_acknowledgement_s']} s); e-mails sent {mail['sent']}, "
            f"delivered {mail['delivered']}, duplicated {mail['duplicated']}, lost {mail['lost']}; "
            f"all delivered {mail['all_delivered_s_after_recovery']} s after the server came back"
        )
        findings.append(("mail down: every enquiry acknowledged at once", mail["acknowledged"] == 50))
        findings.append(
            (
                "mail down: every e-mail delivered once after, none twice, none lost",
                mail["confirmations_once"] == 50 and mail["duplicated"] == 0 and mail["lost"] == 0,
            )
        )
        killed = jobs_faults.worker_killed_mid_pdf(site, sections=100)
        print(
            f"Worker killed mid PDF: job {killed['outcome']} {killed['completed_s_after_kill']} s after the kill; "
            f"PDF records {killed['pdf_records']}"
        )
        findings.append(
            (
                "worker killed mid PDF: completes after restart, one PDF record each",
                killed["killed_while_running"]
                and killed["outcome"] == "SUCCESSFUL"
                and killed["pdf_records"] == {"standard": 1, "large-print": 1},
            )
        )
        failing = jobs_faults.job_that_keeps_failing(site, retries=3)
        print(
            f"Job that keeps failing: {failing['attempts']} attempts, {failing['still_queued']} still queued, "
            f"e-mail {failing['email_status']}; admin shows it gave up: {failing['admin_shows_gave_up']}, "
            f"with its error: {failing['admin_shows_error']}"
        )
        findings.append(
            (
                "failing job stops after its retries and shows in the admin with its error",
                failing["attempts"] == 4
                and failing["still_queued"] == 0
                and failing["admin_shows_gave_up"]
                and failing["admin_shows_error"],
            )
        )
    return findings


def report_findings(findings: list[tuple[str, bool]]) -> None:
    print()
    for name, ok in findings:
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    sys.exit(0 if all(ok for _, ok in findings) else 1)


if __name__ == "__main__":
    main()
