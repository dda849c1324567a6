"""Drafts, private pages and personal data are never reachable through the API, anonymously or with a partner's key.
The walk reads the endpoints from the OpenAPI description, so an endpoint added later is walked too; every list is
read to its last page, every item it names is opened, and every single-item endpoint is also asked for each secret
record directly. A key opens nothing more than anonymous use does: it only raises the limit."""

import datetime
import re
from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cancerinfo.booklets.models import BookletCode, BookletPage
from cancerinfo.booklets.tests.factories import add_section, make_booklet, publish
from cancerinfo.donations.tests.factories import DonationFactory
from cancerinfo.enquiries.models import Enquiry
from cancerinfo.partners.keys import issue
from cancerinfo.partners.models import PartnerKey
from cancerinfo.prescriptions.models import Prescription
from cancerinfo.publications.models import Order
from cancerinfo.questions.models import QuestionPage

pytestmark = pytest.mark.django_db

SECRET = "zzsecret"  # in every draft title, private page and personal record; never in an answer


def secrets(site_tree, content) -> dict:
    """Records no API answer may show, and the identifiers to ask for them by."""
    draft_only = add_section(content["bone_booklet"], f"{SECRET} unpublished section", live=False)
    live = content["first_section"]
    live.title = f"{SECRET} draft title of a live section"
    live.save_revision()  # a newer draft: readers still see the published title
    private_booklet = make_booklet(site_tree["cancer-types"], f"{SECRET} private booklet", sections=1)
    coded(private_booklet)
    PageViewRestriction.objects.create(page=private_booklet, restriction_type="password", password="x")
    hidden_question = site_tree["questions"].add_child(
        instance=QuestionPage(title=f"{SECRET} draft question?", short_answer=f"{SECRET}.", live=False)
    )
    unpublished_booklet = make_booklet(site_tree["cancer-types"], f"{SECRET} withdrawn booklet", sections=1)
    coded(unpublished_booklet)
    orphan = unpublished_booklet.get_children().first()
    unpublished_booklet.unpublish(set_expired=False, commit=True, log_action=None)
    # Its section stays live in the tree, but its booklet is not published: the section is not reachable either.
    orphan.refresh_from_db()
    assert orphan.live
    Enquiry.objects.create(
        about="myself", question=f"{SECRET} my question", first_name=f"{SECRET}name", email=f"{SECRET}@example.org",
        consent_wording_version="1", consent_given_at=timezone.now(),
    )  # fmt: skip
    Order.objects.create(
        reference="ORD-1", submission_token="t1", name=f"{SECRET} Person", address_line_1=f"1 {SECRET} Street"
    )
    DonationFactory(email=f"{SECRET}donor@example.org", amount=Decimal("5.00"))
    # Partners' contact details and notes are personal data too.
    issue(PartnerKey(organisation=f"{SECRET} Partner", contact_email=f"{SECRET}@partner.example", notes=SECRET))
    Prescription.objects.create(
        note=f"{SECRET} note", author_name=f"{SECRET} Doctor", expires_at=timezone.now() + datetime.timedelta(days=9)
    )
    draft_booklet = site_tree["cancer-types"].add_child(
        instance=BookletPage(title=f"{SECRET} draft booklet", slug="draft-booklet", live=False)
    )
    draft_booklet.clinical_codes.add(BookletCode(system="icd10", code=LOOKUP_EXAMPLE))
    draft_booklet.save()
    ids = [draft_only.pk, private_booklet.pk, hidden_question.pk, orphan.pk, unpublished_booklet.pk, draft_booklet.pk]
    ids += [page.pk for page in private_booklet.get_children()]
    return {"ids": ids, "slugs": [SECRET, f"{SECRET}-private-booklet"]}


LOOKUP_EXAMPLE = "C79.5"  # the lookup's example code in the description, the bone cancer type's (conftest.py)


def coded(booklet):
    """The booklet coded as the lookup's example, so the walk's lookup would find it if it leaked."""
    booklet.clinical_codes.add(BookletCode(system="icd10", code=LOOKUP_EXAMPLE))
    return publish(booklet)


def operations(client) -> dict[str, str]:
    """Each GET path, with the query its required parameters need: their examples in the description."""
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    found = {}
    for path, methods in schema["paths"].items():
        if "get" not in methods:
            continue
        required = {}
        for parameter in methods["get"].get("parameters", []):
            if parameter["in"] == "query" and parameter.get("required"):
                examples = parameter.get("examples") or parameter["schema"].get("examples")
                assert examples, f"{path}: give the required {parameter['name']} an example, so the walk can call it"
                required[parameter["name"]] = examples[0]
        found[path] = urlencode(required)
    return found


def walk_list(client, url) -> list[str]:
    """Every page of a list; the api_url of every item on it."""
    found = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        assert ("q=100000;w=60" in response["RateLimit-Policy"]) == ("HTTP_X_API_KEY" in client.defaults)
        assert SECRET not in response.content.decode(), url
        found += [item["api_url"] for item in response.json()["items"] if "api_url" in item]
        url = response.json()["meta"]["next"]
    return found


@pytest.fixture(params=["anonymous", "partner"])
def caller(request, db):
    """An anonymous client, or one that sends a partner's key with every request."""
    if request.param == "anonymous":
        return Client()
    raw = issue(PartnerKey(organisation="Walking Partners", contact_email="walk@partner.example"))
    return Client(HTTP_X_API_KEY=raw)


def test_no_caller_ever_reaches_a_draft_a_private_page_or_personal_data(caller, site_tree, content):
    client = caller
    hidden = secrets(site_tree, content)
    paths = operations(client)
    lists = [path for path in paths if "{" not in path]
    singles = [path for path in paths if "{" in path]
    assert len(lists) >= 9 and len(singles) >= 9  # booklets, sections, questions, glossary, vocabulary, trials...
    assert paths["/api/v1/lookup/"] == f"system=icd10&code={LOOKUP_EXAMPLE}"  # walked with its example

    opened = []
    for path in lists:
        urls = walk_list(client, f"{path}?{paths[path]}&page_size=100".replace("?&", "?"))
        assert urls or path != "/api/v1/lookup/", "the lookup's example found nothing: the walk would prove nothing"
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            assert SECRET not in response.content.decode(), url
            opened.append(url.removeprefix("http://testserver"))
    # Every single-item endpoint was reached from a list (none is only reachable by guessing).
    for path in singles:
        pattern = re.sub(r"\\{[^}]+\\}", "[^/]+", re.escape(path))
        assert any(re.fullmatch(pattern, url) for url in opened), f"no item of {path} was opened"

    # Asked for directly, each secret record is not found.
    for path in singles:
        for value in [*hidden["ids"], *hidden["slugs"]]:
            url = re.sub(r"\{[^}]+\}", str(value), path)
            response = client.get(url)
            assert response.status_code in (400, 404), url
            assert SECRET not in response.content.decode(), url


def test_a_live_section_whose_booklet_is_published_is_reachable(client, site_tree, content):
    """The walk above finds nothing secret; this shows it does find what is public (so it can fail)."""
    section = content["first_section"]
    assert client.get(f"/api/v1/sections/{section.pk}/").status_code == 200
    publish(section)
    assert client.get(f"/api/v1/sections/{section.pk}/").json()["item"]["title"] == section.title
