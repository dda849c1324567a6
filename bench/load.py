"""Load benchmark: the production stack on 127.0.0.1, measured with wrk for a bounded time.

(a) a booklet section through the nginx cache, (b) the same page straight from gunicorn (2 sync workers),
(c) a search results page from gunicorn, (d) nginx serving the same HTML bytes as a static file: the physical limit.
Needs nginx and wrk (apt-get install nginx-light wrk). Usage: python bench/load.py [--seconds 10] [--connections 16]
SQLite and the in-process cache by default; BENCH_DATABASE_URL=postgres://.../an_empty_database and
REDIS_URL=redis://127.0.0.1:6379/5 run the same measurements on PostgreSQL and Redis.
"""

import argparse
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from cryptography.fernet import Fernet

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECTION = "/cancer-types/secondary-bone-cancer/bisphosphonates/"
SEARCH = "/search/?q=bone+pain"
APP_PORT, NGINX_PORT = 18001, 18080

NGINX_CONF = """
{user}
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    types {{ text/html html; text/css css; }}
    proxy_cache_path {tmp}/cache levels=1:2 keys_zone=cancerinfo:10m max_size=100m inactive=1h use_temp_path=off;
    upstream cancerinfo_app {{ server 127.0.0.1:{app_port}; keepalive 32; }}
    map $http_cookie $cancerinfo_has_session {{ default 0; "~*(sessionid|csrftoken)=" 1; }}
    server {{
        listen 127.0.0.1:{nginx_port};
        location = /static-copy.html {{ root {tmp}/www; }}
        location / {{
            proxy_cache cancerinfo;
            proxy_cache_key "$scheme$host$uri$is_args$args";
            proxy_cache_valid 200 301 404 5m;
            proxy_cache_use_stale error timeout updating;
            proxy_cache_lock on;
            proxy_cache_bypass $cancerinfo_has_session;
            proxy_no_cache $cancerinfo_has_session;
            add_header X-Cache-Status $upstream_cache_status always;
            proxy_set_header Host $host;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_pass http://cancerinfo_app;
        }}
    }}
}}
"""


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback only
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def to_ms(value: str) -> float:
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def run_wrk(url: str, seconds: int, connections: int) -> dict:
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        timeout=seconds + 30,
        check=True,
    )
    out = result.stdout
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", out, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": to_ms(latency["50"]),
        "p99_ms": to_ms(latency["99"]),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args()
    for tool in ("nginx", "wrk"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            print(f"load: skipped, {tool} is not installed (apt-get install nginx-light wrk)")
            return

    tmp = Path(tempfile.mkdtemp(prefix="cancerinfo-load-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cancerinfo.settings.production",
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{tmp}/db.sqlite3"),
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "ENQUIRY_ENCRYPTION_KEY": Fernet.generate_key().decode(),
        # A benchmark on a development machine takes no donations; production refuses the sandbox otherwise.
        "SILENCED_SYSTEM_CHECKS": "donations.E003",
        "STATIC_ROOT": str(tmp / "static"),
        "MEDIA_ROOT": str(tmp / "media"),
        "PUBLICATIONS_PDF_ON_PUBLISH": "false",
        "LOG_LEVEL": "WARNING",
    }
    manage = [PYTHON, str(ROOT / "manage.py")]
    print("Setting up a demo database ...", flush=True)
    for command in (["migrate", "--no-input", "-v0"], ["load_demo_content"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run(manage + command, env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)

    (tmp / "www").mkdir()
    gunicorn = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "-c",
            str(ROOT / "deploy" / "gunicorn.conf.py"),
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{APP_PORT}",
            "--access-logfile",
            "/dev/null",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    # As root, nginx's workers would drop to "nobody", who cannot read this private temporary folder.
    user = "user root;" if os.geteuid() == 0 else ""
    (tmp / "nginx.conf").write_text(NGINX_CONF.format(user=user, tmp=tmp, app_port=APP_PORT, nginx_port=NGINX_PORT))
    nginx_bin = shutil.which("nginx") or "/usr/sbin/nginx"
    nginx = subprocess.Popen([nginx_bin, "-p", str(tmp), "-c", str(tmp / "nginx.conf")], start_new_session=True)
    try:
        app = f"http://127.0.0.1:{APP_PORT}"
        front = f"http://127.0.0.1:{NGINX_PORT}"
        wait_for(app + SECTION)
        with urllib.request.urlopen(app + SECTION) as response:  # noqa: S310 - loopback only
            (tmp / "www" / "static-copy.html").write_bytes(response.read())
        wait_for(front + SECTION)
        with urllib.request.urlopen(front + SECTION) as response:  # noqa: S310
            cache_status = response.headers.get("X-Cache-Status")
        wait_for(app + SEARCH, seconds=120)  # each worker builds its search index as it starts
        print(f"nginx cache status for the section after warm-up: {cache_status}")

        runs = {
            "(a) section via nginx cache": front + SECTION,
            "(b) section from gunicorn": app + SECTION,
            "(c) search page from gunicorn": app + SEARCH,
            "(d) nginx static file, same bytes": front + "/static-copy.html",
        }
        figures = {}
        for label, url in runs.items():
            figures[label] = run_wrk(url, args.seconds, args.connections)
            f = figures[label]
            print(
                f"{label:38} {f['rps']:>10.0f} req/s   p50 {f['p50_ms']:7.2f} ms   p99 {f['p99_ms']:7.2f} ms"
                f"   non-2xx {f['non_2xx']}",
                flush=True,
            )
        limit = figures["(d) nginx static file, same bytes"]["rps"]
        a = figures["(a) section via nginx cache"]["rps"]
        b = figures["(b) section from gunicorn"]
        c = figures["(c) search page from gunicorn"]
        print(f"(a)/(d) = {a / limit:.0%} (goal >= 50%)")
        print(
            f"(b)/(d) = {b['rps'] / limit:.1%};  (b) {b['rps']:.0f} req/s, p99 {b['p99_ms']:.0f} ms "
            f"(goal >= 250 req/s, p99 <= 100 ms)"
        )
        print(f"(c) {c['rps']:.0f} req/s (goal >= 150 req/s)")
    finally:
        for process in (nginx, gunicorn):
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=20)
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
