"""Behind the nginx configuration we ship (deploy/nginx/), run for real in front of a live Django server: every
visitor has an allowance of their own, a forged X-Forwarded-For gains nothing, and robots filling the honeypot do
not block people. Visitors come from different loopback addresses (127.0.0.2, 127.0.0.3...), as different hosts."""

import re
from urllib.parse import urlencode

from cancerinfo.delivery.tests.nginx import Visitor, needs_nginx
from cancerinfo.enquiries.models import Enquiry

pytestmark = needs_nginx


def ask(visitor: Visitor, url: str, data: dict, forged: str | None = None) -> int:
    """Open the form, then send it as a browser would (CSRF cookie and token), maybe with a forged header."""
    status, page = visitor.request("GET", url)
    assert status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    headers = {"X-Forwarded-For": forged} if forged else {}
    body = urlencode({**data, "csrfmiddlewaretoken": token})
    status, _content = visitor.request("POST", url, body=body, headers=headers)
    return status


def test_behind_the_shipped_nginx_each_visitor_has_their_own_allowance(nginx, site_tree, question_data, settings):
    settings.TRUSTED_PROXY_COUNT = 1  # one nginx in front: the production default
    settings.ENQUIRY_RATE_LIMIT_PER_HOUR = 3
    url = site_tree["contact-us"].ask_a_nurse_url
    first, second = Visitor(nginx, "127.0.0.2"), Visitor(nginx, "127.0.0.3")

    assert [ask(first, url, question_data) for _ in range(4)] == [302, 302, 302, 429]
    # Writing its own X-Forwarded-For (a fresh address each time, or a list) gains the first visitor nothing.
    for forged in ("198.51.100.1", "198.51.100.2, 203.0.113.5", "127.0.0.3"):
        assert ask(first, url, question_data, forged=forged) == 429
    # The second visitor, behind the same nginx, still has a whole allowance.
    assert [ask(second, url, question_data) for _ in range(4)] == [302, 302, 302, 429]
    assert Enquiry.objects.count() == 6


def test_behind_the_shipped_nginx_honeypot_hits_do_not_block_a_person(nginx, site_tree, question_data, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ENQUIRY_RATE_LIMIT_PER_HOUR = 3
    url = site_tree["contact-us"].ask_a_nurse_url
    robot, person = Visitor(nginx, "127.0.0.4"), Visitor(nginx, "127.0.0.4")  # one shared connection
    for _ in range(10):
        assert ask(robot, url, {**question_data, "website": "http://spam.example"}) == 302
    assert Enquiry.objects.count() == 0
    assert ask(person, url, question_data) == 302
    assert Enquiry.objects.count() == 1
