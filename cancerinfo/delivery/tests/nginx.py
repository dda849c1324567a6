"""Run the nginx configuration we ship (deploy/nginx/) for real, in front of a live Django server, for tests.

Use the `nginx` fixture (in cancerinfo/conftest.py): it yields the port nginx listens on. Visitor connects from a
loopback address of its own (127.0.0.2, 127.0.0.3...), so nginx sees each as a different host.
"""

import http.client
import os
import shutil
import socket
import subprocess
import time
from http.cookies import SimpleCookie
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SHIPPED_CONF = ROOT / "deploy" / "nginx" / "cancerinfo.conf"
SHIPPED_PARAMS = ROOT / "deploy" / "nginx" / "cancerinfo_proxy_params"

SHIPPED_HEADERS = ROOT / "deploy" / "nginx" / "cancerinfo_security_headers"

# For test modules: skip without nginx, and let the live server see the test's data.
needs_nginx = [
    pytest.mark.skipif(
        not os.path.exists(NGINX), reason="needs nginx (apt-get install nginx-light); .ci/run installs it"
    ),
    pytest.mark.django_db(transaction=True),
]


def free_port() -> int:
    """NGINX_TEST_PORT when set (shared machines hand out port ranges), else any free loopback port."""
    if os.environ.get("NGINX_TEST_PORT"):
        return int(os.environ["NGINX_TEST_PORT"])
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def shipped_config(tmp: Path, listen_port: int, app_address: str) -> str:
    """The shipped server configuration with only its machine-specific paths and ports changed."""
    text = SHIPPED_CONF.read_text()
    params = tmp / "cancerinfo_proxy_params"
    params.write_text(SHIPPED_PARAMS.read_text())
    security_headers = tmp / "cancerinfo_security_headers"
    security_headers.write_text(SHIPPED_HEADERS.read_text())
    replacements = {
        "/etc/nginx/cancerinfo_security_headers": str(security_headers),
        "listen 8080;": f"listen 127.0.0.1:{listen_port};",
        "server 127.0.0.1:8001;": f"server {app_address};",
        "/etc/nginx/cancerinfo_proxy_params": str(params),
        "/var/cache/nginx/cancerinfo": str(tmp / "cache"),
        "/srv/cancerinfo/": f"{tmp}/srv/",
    }
    for old, new in replacements.items():
        assert old in text, f"the shipped nginx config no longer has {old!r}: update this test"
        text = text.replace(old, new)
    user = "user root;" if os.geteuid() == 0 else ""
    # Everything nginx writes stays in the test's own folder.
    temp_paths = " ".join(
        f"{kind}_temp_path {tmp}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    mime_types = "text/html html; text/css css; application/javascript js; image/png png; application/pdf pdf;"
    return (
        f"{user} worker_processes 1; daemon off; pid {tmp}/nginx.pid; error_log {tmp}/error.log warn;\n"
        f"events {{ worker_connections 256; }}\n"
        f"http {{ access_log off; {temp_paths} types {{ {mime_types} }}\n{text}\n}}\n"
    )


def run_nginx(live_server, tmp_path):
    """Start nginx with the shipped configuration in front of live_server; yields its port."""
    port = free_port()
    app_address = live_server.url.removeprefix("http://")
    conf = tmp_path / "nginx.conf"
    conf.write_text(shipped_config(tmp_path, port, app_address))
    process = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(conf)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"nginx did not start: {process.stderr.read().decode()}")
            time.sleep(0.1)
    yield port
    process.terminate()
    process.wait(timeout=10)


class Visitor:
    """A browser on its own host: its own source address, its own cookies. `headers` are the last response's."""

    def __init__(self, port: int, address: str):
        self.port, self.address, self.cookies = port, address, SimpleCookie()

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30, source_address=(self.address, 0))
        sent = {"Host": "127.0.0.1", **(headers or {})}
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{key}={morsel.value}" for key, morsel in self.cookies.items())
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        content = response.read().decode(errors="replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        connection.close()
        self.headers = response.headers
        return response.status, content
