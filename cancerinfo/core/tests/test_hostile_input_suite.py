"""Hostile input everywhere, generated from the URL configuration and the page tree: every public form field, every
query parameter a public form sends, a public link carries or a public view reads, and every path parameter gets
each bad input in turn (oversized, NUL, CR/LF, SQL and search-query syntax, script payloads, odd Unicode). No answer
may be a server error, and no payload may come back unescaped. The test prints how many requests it sent and what
it found.

Nothing here is a hand-written list of pages: new URL patterns, new routable sub-pages and new forms on them are
covered as soon as they exist.
"""

import logging
import re
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "x" * 20_000,  # oversized
    "9" * 400,  # a number too big for any column
    "-1",
    "1e309",
    "a\x00b",  # NUL: PostgreSQL refuses it in text
    "\x00",
    "line\r\nSet-Cookie: hacked=1",  # header injection
    "a\rb\nc",
    "' OR '1'='1' --",
    "1; DROP TABLE wagtailcore_page; --",
    '" AND 1=CONVERT(int, @@version) --',
    'bone AND (pain OR "unclosed',  # search-query syntax
    "*:* ~ ^ [ ] { } \\ / : !",
    "<script>alert('x')</script>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    "{{ 7*7 }} {% debug %} ${7*7} %s%n",
    "../../../../etc/passwd",
    "\u202egnp.exe",  # right-to-left override
    "ＳＥＬＥＣＴ ＜script＞",  # fullwidth forms
    "e\u0301\u0301\u0301\u0301\u0301\u0301",  # stacked combining marks
    "\ufeff\u200b\u2028\u2029",  # BOM, zero-width space, line and paragraph separators
    "😀" * 50,
    "\ufffe\uffff\U0010ffff",  # non-characters
]
# Bytes that are not UTF-8 at all, sent already percent-encoded in paths and query strings.
RAW_ENCODED = ["%FF%FE", "%ED%A0%80", "%C0%AF", "%00"]
# Where a reflected payload would be dangerous, its raw text must never appear in an HTML answer.
MARKUP = re.compile(r"[<>\"']")
ADMIN_PREFIXES = ("/admin/", "/django-admin/")
CONVERTER = re.compile(r"<(?:(?P<kind>[^>:]+):)?(?P<name>[^>]+)>")


def route_of(pattern) -> str | None:
    """The route of a path() pattern (None for regular-expression patterns such as Wagtail's page serving)."""
    if isinstance(pattern.pattern, LocalePrefixPattern):
        return ""  # i18n_patterns: English addresses have no prefix (translations/urls.py)
    route = getattr(pattern.pattern, "_route", None)
    return str(route) if route is not None else None


def django_routes(patterns=None, prefix="") -> list[str]:
    """Every public route in the URL configuration, with its parameters still written as <kind:name>."""
    routes = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = route_of(pattern)
        if route is None:
            continue  # Wagtail's page tree: walked separately, page by page
        full = prefix + route
        if ("/" + full).startswith(ADMIN_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            routes += django_routes(pattern.url_patterns, full)
        elif isinstance(pattern, URLPattern):
            routes.append("/" + full)
    return routes


def page_routes() -> list[str]:
    """Every live page, and every sub-page route of the routable ones."""
    routes = []
    for page in Page.objects.live().public().filter(depth__gt=1).specific():
        url = page.url
        routes.append(url)
        if isinstance(page, RoutablePageMixin):
            for pattern in page.get_subpage_urls():
                route = route_of(pattern)
                if route:
                    routes.append(url + route)
    return routes


def fill(route: str, value: str) -> str:
    return CONVERTER.sub(lambda match: quote(value, safe=""), route)


class Prober:
    def __init__(self):
        self.client = Client(raise_request_exception=False)
        self.sent = 0
        self.errors: list[str] = []
        self.reflected: list[str] = []

    def send(self, method: str, url: str, data=None, payload: str = "", where: str = ""):
        try:
            # Each request in its own savepoint: a database error in one must not poison the ones after it.
            with transaction.atomic():
                response = getattr(self.client, method)(url, data or {})
        except Exception as error:  # the client itself choking counts as a server error too
            self.sent += 1
            self.errors.append(f"{method.upper()} {url} {where}: {type(error).__name__}: {error}"[:300])
            return None
        self.sent += 1
        if response.status_code >= 500:
            detail = ""
            if getattr(response, "exc_info", None):
                detail = f"{response.exc_info[0].__name__}: {response.exc_info[1]}"
            self.errors.append(f"{method.upper()} {url[:120]} {where} -> {response.status_code} {detail}"[:300])
        elif payload and MARKUP.search(payload) and "html" in response.get("Content-Type", ""):
            body = response.content.decode("utf-8", "replace")
            if payload in body:
                self.reflected.append(f"{method.upper()} {url[:120]} {where}")
        return response


def default_values(form) -> dict[str, str]:
    """What a person would send: the form's own values (hidden fields, tokens), a choice for each list, and
    plausible text for text boxes."""
    values: dict[str, str] = {}
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button", "image", "reset", "file"):
            continue
        kind = field.get("type", "text") if field.name == "input" else field.name
        if kind in ("checkbox", "radio"):
            if name not in values or field.has_attr("checked"):
                values[name] = field.get("value", "on")
        elif kind == "select":
            options = [option.get("value", option.text) for option in field.find_all("option")]
            chosen = [o for o in options if o] or options or [""]
            values[name] = chosen[0]
        elif kind == "textarea":
            values[name] = field.text or "A question about bone pain."
        elif kind == "email":
            values[name] = field.get("value") or "sam@example.org"
        elif kind == "hidden":
            values[name] = field.get("value", "")
        elif kind == "number":
            values[name] = field.get("value") or "1"
        elif name == "website":
            values[name] = ""  # the honeypot: a person leaves it empty
        else:
            values[name] = field.get("value") or ("LS1 4AP" if "postcode" in name else "Sam")
    # Buttons that carry a value (action=add, action=create...): use the first one.
    button = form.find(["button", "input"], attrs={"type": "submit", "name": True}) or form.find(
        "button", attrs={"name": True}
    )
    if button is not None and button.get("name") not in values:
        values[button["name"]] = button.get("value", "")
    return values


def forms_on(html: str, url: str) -> list[tuple[str, str, dict]]:
    found = []
    for form in BeautifulSoup(html, "html.parser").find_all("form"):
        action = urljoin(url, form.get("action") or url)
        path = urlsplit(action).path
        if path.startswith(ADMIN_PREFIXES):
            continue
        found.append(((form.get("method") or "get").lower(), path, default_values(form)))
    return found


def links_with_queries(html: str, url: str) -> list[tuple[str, set[str]]]:
    """Public links on the page that carry a query string (pagination, filters, tokens): their path and names."""
    found = []
    for link in BeautifulSoup(html, "html.parser").find_all("a", href=True):
        target = urlsplit(urljoin(url, link["href"]))
        if target.netloc not in ("", "testserver") or not target.query or target.path.startswith(ADMIN_PREFIXES):
            continue
        names = {part.split("=", 1)[0] for part in target.query.split("&") if part}
        found.append((target.path, names))
    return found


READS_QUERY = re.compile(r"""(?:request\.GET|self\.request\.GET)(?:\.get|\.getlist)?[(\[]\s*["']([\w-]+)["']""")


def names_read_by_public_views() -> set[str]:
    """Every query parameter name the code outside the admin reads from request.GET, found in the source."""
    root = Path(__file__).resolve().parents[2]
    names = set()
    for source in root.rglob("*.py"):
        if "tests" in source.parts or "migrations" in source.parts or source.name.startswith("admin"):
            continue
        names.update(READS_QUERY.findall(source.read_text()))
    return names


@pytest.fixture
def quiet_request_log():
    """Thousands of expected 400s and 404s would flood the output; server errors are collected by the test."""
    loggers = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


@pytest.fixture
def hostile_site(site_tree, settings):
    """One of everything a stranger can reach: a booklet with a section (feedback form), a publication (basket and
    order form), a question, a trial, an organisation; throttles out of the way so every input reaches its form."""
    from cancerinfo.booklets.tests.factories import add_section, make_booklet
    from cancerinfo.organisations.models import Organisation
    from cancerinfo.publications.tests.factories import make_publication
    from cancerinfo.questions.models import QuestionPage
    from cancerinfo.trials.tests.factories import make_trial

    for name in (
        "ENQUIRY_RATE_LIMIT_PER_HOUR",
        "FEEDBACK_RATE_LIMIT_PER_HOUR",
        "DONATIONS_START_LIMIT",
        "PUBLICATIONS_ORDERS_PER_CLIENT_PER_DAY",
        "PRESCRIPTIONS_PER_HOUR",
        "PRESCRIPTIONS_SIGN_IN_PER_HOUR",
    ):
        setattr(settings, name, 10**6)
    settings.ENQUIRY_MIN_FILL_SECONDS = 0
    settings.DONATIONS_PROVIDER = "sandbox"
    booklet = make_booklet(site_tree["cancer-types"], title="Understanding bone pain", sections=0)
    add_section(booklet, "Treating pain", body="<p>How pain is treated.</p>")
    make_publication("CI-0001", "Understanding bone health", stock_count=10**6)
    question = site_tree["questions"].add_child(
        instance=QuestionPage(title="Can radiotherapy help bone pain?", short_answer="Yes, often.")
    )
    question.save_revision().publish()
    Organisation.objects.create(name="Bone Pain Helpers", summary="Sample charity.", website="https://example.org/")
    make_trial(title="A bone pain trial", registry_id="NCT09999991", is_cancer_trial=True)
    return site_tree


def test_no_hostile_input_to_any_public_form_or_parameter_gets_a_server_error_or_comes_back_unescaped(
    hostile_site, capsys, quiet_request_log
):
    prober = Prober()
    routes = sorted(set(django_routes() + page_routes()))
    assert len(routes) > 20

    # A basket with something in it, so the order form is the real one.
    basket = {"action": "add", "code": "CI-0001", "format": "standard", "quantity": 1}
    prober.client.post("/publications/basket/", basket)

    forms, query_names, query_targets = {}, set(), {}
    for route in routes:
        if CONVERTER.search(route):
            for payload in PAYLOADS:
                prober.send("get", fill(route, payload), where="(path parameter)")
            for raw in RAW_ENCODED:
                prober.send("get", CONVERTER.sub(raw, route), where="(path parameter, not UTF-8)")
            continue
        response = prober.send("get", route)
        if response is None or response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        for method, action, values in forms_on(html, route):
            key = (method, action, tuple(sorted(values)))
            forms.setdefault(key, values)
            if method == "get":
                query_names.update(values)
                query_targets.setdefault(action, set()).update(values)
        for path, names in links_with_queries(html, route):
            query_names.update(names)
            query_targets.setdefault(path, set()).update(names)

    assert len(forms) >= 10, sorted(key[:2] for key in forms)
    for (method, action, _names), values in forms.items():
        for index, field in enumerate(values):
            if field == "csrfmiddlewaretoken":
                continue
            # Half of the payloads per field, alternating, so every form gets every payload and the run stays short.
            for payload in PAYLOADS[index % 2 :: 2]:
                prober.send(method, action, {**values, field: payload}, payload, f"[{field}]")

    # Every query parameter a public page can read: those its forms send and its links carry get every payload at
    # the address that reads them; every one of those and every name a public view reads from request.GET gets a
    # share of the payloads on every page without parameters in its path, so each name meets each payload.
    for path, names in query_targets.items():
        for name in sorted(names):
            for payload in PAYLOADS:
                prober.send("get", path, {name: payload}, payload, f"?{name}")
    plain_routes = [route for route in routes if not CONVERTER.search(route)]
    every_name = sorted(query_names | names_read_by_public_views())
    for index, route in enumerate(plain_routes):
        for offset, name in enumerate(every_name):
            for step in range(3):
                payload = PAYLOADS[(index * 3 + offset + step * 8) % len(PAYLOADS)]
                prober.send("get", route, {name: payload}, payload, f"?{name}")
            prober.send(
                "get", f"{route}?{name}={RAW_ENCODED[(index + offset) % len(RAW_ENCODED)]}", where="(not UTF-8)"
            )

    with capsys.disabled():
        print(
            f"\nHostile input: {prober.sent} requests to {len(routes)} routes and {len(forms)} forms; "
            f"{len(prober.errors)} server errors, {len(prober.reflected)} reflected payloads"
        )
    assert prober.sent >= 1000
    assert prober.errors == [], "\n".join(prober.errors[:20])
    assert prober.reflected == [], "\n".join(prober.reflected[:20])


def test_no_hostile_input_to_the_live_chat_gets_a_server_error_or_comes_back_unescaped(
    site_tree, monkeypatch, settings, capsys, quiet_request_log
):
    """The live chat's JSON endpoints (cancerinfo/chat) read JSON bodies and a token header, which the walk above does
    not send: every payload goes in each of them, and in raw bytes that are not JSON or not UTF-8."""
    import datetime
    import json

    from django.utils import timezone

    from cancerinfo.chat import services as chat
    from cancerinfo.helpline.services import Status

    now = timezone.now()
    monkeypatch.setattr(
        chat, "status_at", lambda now_=None: Status(now=now, is_open=True, closes_at=now + datetime.timedelta(hours=1))
    )
    settings.CHAT_STARTS_PER_HOUR = 10**6
    prober = Prober()

    def send(method, url, body=None, token="", payload="", where=""):
        headers = {"HTTP_X_CHAT_TOKEN": token} if token else {}
        raw = body if isinstance(body, bytes) else json.dumps(body if body is not None else {})
        try:
            with transaction.atomic():
                if method == "get":
                    response = prober.client.get(url, **headers)
                else:
                    response = prober.client.post(url, raw, content_type="application/json", **headers)
        except Exception as error:  # noqa: BLE001 - the client choking counts as a server error
            prober.errors.append(f"{method.upper()} {url} {where}: {type(error).__name__}: {error}"[:300])
            return None
        prober.sent += 1
        if response.status_code >= 500:
            prober.errors.append(f"{method.upper()} {url} {where} -> {response.status_code}")
        elif payload and MARKUP.search(payload) and "html" in response.get("Content-Type", ""):
            if payload in response.content.decode("utf-8", "replace"):
                prober.reflected.append(f"{method.upper()} {url} {where}")
        return response

    started = send("post", "/chat/api/start/", {"consent": True}).json()
    token = started["token"]
    for payload in PAYLOADS:
        send("post", "/chat/api/start/", {"consent": True, "email": payload}, payload=payload, where="[email]")
        send("post", "/chat/api/start/", {"consent": payload}, payload=payload, where="[consent]")
        send("post", "/chat/api/send/", {"body": payload, "client_id": "c"}, token, payload, "[body]")
        send("post", "/chat/api/send/", {"body": "hi", "client_id": payload}, token, payload, "[client_id]")
        send("post", "/chat/api/email-transcript/", {"email": payload}, token, payload, "[email]")
        send("get", f"/chat/api/poll/?after={quote(payload)}", token=token, payload=payload, where="?after")
        for url in ("/chat/api/send/", "/chat/api/typing/", "/chat/api/leave/"):
            send("post", url, {"body": "hi"}, payload.replace("\r", "").replace("\n", ""), where="X-Chat-Token")
        send("get", "/chat/api/transcript/", token=payload.replace("\r", "").replace("\n", ""), where="X-Chat-Token")
    for body in (b"\xff\xfe", b"[1, 2]", b"null", b'"text"', b"{" * 5000, b"x" * 20_000):
        for url in ("/chat/api/start/", "/chat/api/send/", "/chat/api/email-transcript/"):
            send("post", url, body, token, where="(raw body)")
    send("get", "/chat/api/transcript/", token=token)

    with capsys.disabled():
        print(f"\nHostile chat input: {prober.sent} requests; {len(prober.errors)} server errors")
    assert prober.sent >= 250
    assert prober.errors == [], "\n".join(prober.errors[:20])
    assert prober.reflected == [], "\n".join(prober.reflected[:20])
