"""Behind the nginx configuration we ship (deploy/nginx/), run for real in front of a live Django server: every
visitor has an allowance of their own, a forged X-Forwarded-For gains nothing, and robots filling the honeypot do
not block people. Visitors come from different loopback addresses (127.0.0.2, 127.0.0.3...), as different hosts."""

import http.client
import os
import re
import shutil
import socket
import subprocess
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest

from cancerinfo.enquiries.models import Enquiry

ROOT = Path(__file__).resolve().parents[3]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
SHIPPED_CONF = ROOT / "deploy" / "nginx" / "cancerinfo.conf"
SHIPPED_PARAMS = ROOT / "deploy" / "nginx" / "cancerinfo_proxy_params"

pytestmark = [
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
    replacements = {
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
    return f"""
{user}
worker_processes 1;
daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 256; }}
http {{
    access_log off;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    {text}
}}
"""


@pytest.fixture
def nginx(live_server, tmp_path):
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
    """A browser on its own host: its own source address, its own cookies."""

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
        content = response.read().decode()
        for header in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(header)
        connection.close()
        return response.status, content

    def ask(self, url: str, data: dict, forged: str | None = None) -> int:
        status, page = self.request("GET", url)
        assert status == 200
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        headers = {"X-Forwarded-For": forged} if forged else {}
        body = urlencode({**data, "csrfmiddlewaretoken": token})
        status, _content = self.request("POST", url, body=body, headers=headers)
        return status


def test_behind_the_shipped_nginx_each_visitor_has_their_own_allowance(nginx, site_tree, question_data, settings):
    settings.TRUSTED_PROXY_COUNT = 1  # one nginx in front: the production default
    settings.ENQUIRY_RATE_LIMIT_PER_HOUR = 3
    url = site_tree["contact-us"].ask_a_nurse_url
    first, second = Visitor(nginx, "127.0.0.2"), Visitor(nginx, "127.0.0.3")

    assert [first.ask(url, question_data) for _ in range(4)] == [302, 302, 302, 429]
    # Writing its own X-Forwarded-For (a fresh address each time, or a list) gains the first visitor nothing.
    for forged in ("198.51.100.1", "198.51.100.2, 203.0.113.5", "127.0.0.3"):
        assert first.ask(url, question_data, forged=forged) == 429
    # The second visitor, behind the same nginx, still has a whole allowance.
    assert [second.ask(url, question_data) for _ in range(4)] == [302, 302, 302, 429]
    assert Enquiry.objects.count() == 6


def test_behind_the_shipped_nginx_honeypot_hits_do_not_block_a_person(nginx, site_tree, question_data, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ENQUIRY_RATE_LIMIT_PER_HOUR = 3
    url = site_tree["contact-us"].ask_a_nurse_url
    robot, person = Visitor(nginx, "127.0.0.4"), Visitor(nginx, "127.0.0.4")  # one shared connection
    for _ in range(10):
        assert robot.ask(url, {**question_data, "website": "http://spam.example"}) == 302
    assert Enquiry.objects.count() == 0
    assert person.ask(url, question_data) == 302
    assert Enquiry.objects.count() == 1
