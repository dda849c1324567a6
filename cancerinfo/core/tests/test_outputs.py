"""Every printed and e-mailed output carries the service's name, its helpline number and the charity's name and
registration number, read from the live site settings (core/outputs.py).

Each app registers what it prints and e-mails. Here every registered public output is made through the code that
really makes it, after staff have changed the settings, and must show the new values. An output template nobody
registered, or a registered output nobody makes here, fails a test: a new output cannot forget them.
"""

import datetime
import io
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Site

from cancerinfo.core.models import SiteSettings
from cancerinfo.core.outputs import PUBLIC, registered_outputs, service_identity

# What staff have just typed into the site settings: nothing here is a default, so each value can only have come
# from the live settings.
LIVE = {
    "service_name": "Bone Cancer Answers",
    "helpline_number": "0800 024 4242",
    "charity_name": "Bone Cancer Answers Trust (sample)",
    "charity_registration": "Registered charity in Scotland (SC099999, a sample number)",
}


@pytest.fixture
def live_settings(site_tree):
    site = Site.objects.get(is_default_site=True)
    site.site_name = LIVE["service_name"]
    site.save()
    site_settings = SiteSettings.for_site(site)
    site_settings.helpline_number = LIVE["helpline_number"]
    site_settings.charity_name = LIVE["charity_name"]
    site_settings.charity_registration = LIVE["charity_registration"]
    site_settings.save()
    return site_settings


@pytest.fixture
def pdf_html(monkeypatch):
    """The HTML each PDF is made from (WeasyPrint itself is tested once, below, with a real packing slip)."""
    made: list[str] = []

    def capture(html, base_url, tagged=True):
        made.append(html)
        return b"%PDF-1.7 captured"

    from cancerinfo.publications import interface, orders

    monkeypatch.setattr(interface, "html_to_pdf", capture)
    monkeypatch.setattr(orders, "html_to_pdf", capture)
    return made


def only_email() -> str:
    assert len(mail.outbox) == 1, [message.subject for message in mail.outbox]
    return mail.outbox[0].body


def an_order():
    from cancerinfo.publications.models import Order, OrderLine

    order = Order.objects.create(
        reference="CI-TEST-0001",
        submission_token="token-outputs-abcdefgh",
        name="Sam Taylor",
        address_line_1="1 High Street",
        town="Leeds",
        postcode="LS1 4AP",
        postcode_district="LS1",
        email="sam@example.org",
    )
    OrderLine.objects.create(order=order, code="CI-0001", title="Understanding bone health", quantity=2)
    return order


def an_enquiry():
    from cancerinfo.enquiries.models import Enquiry

    return Enquiry.objects.create(
        question="Will it hurt?",
        about=Enquiry.About.ME,
        first_name="Sam",
        email="sam@example.org",
        consent_wording_version="1",
        consent_given_at=timezone.now(),
    )


# One maker per registered public output: each makes it the way the site does and returns its text.
MAKERS = {}


def makes(key):
    def register(function):
        MAKERS[key] = function
        return function

    return register


@makes("publications.booklet_pdf")
def _booklet_pdf(site_tree, pdf_html):
    from cancerinfo.publications import pdf
    from cancerinfo.publications.models import BookletPdf
    from cancerinfo.publications.tests.factories import make_pdf_booklet

    return pdf.render_booklet_html(make_pdf_booklet(site_tree), BookletPdf.VARIANT_STANDARD)


@makes("publications.packing_slip")
def _packing_slip(site_tree, pdf_html):
    from cancerinfo.publications import orders

    orders.packing_slips_pdf([an_order()])
    return pdf_html[-1]


@makes("publications.order_confirmation")
def _order_confirmation(site_tree, pdf_html):
    from cancerinfo.publications import orders

    assert orders.send_confirmation(an_order())
    return only_email()


@makes("prescriptions.pdf")
def _prescription_pdf(site_tree, pdf_html):
    from cancerinfo.booklets.tests.factories import add_section, make_booklet
    from cancerinfo.prescriptions.models import Prescription
    from cancerinfo.prescriptions.views import stored_pdf

    section = add_section(make_booklet(site_tree["cancer-types"], title="Bone pain", sections=0), "Treating pain")
    prescription, _ = Prescription.create([["section", section.pk]])
    stored_pdf(RequestFactory().get("/"), prescription)
    return pdf_html[-1]


@makes("prescriptions.sign_in_link")
def _sign_in_link(site_tree, pdf_html):
    from cancerinfo.prescriptions.professionals import send_sign_in_link

    send_sign_in_link("jo.lee@nhs.net", "Jo Lee", "Nurse", lambda token: f"http://testserver/confirm/?token={token}")
    return only_email()


@makes("enquiries.acknowledgement")
def _question_acknowledgement(site_tree, pdf_html):
    from cancerinfo.enquiries import mail as enquiry_mail

    enquiry_mail.acknowledge_question(an_enquiry(), {"working_days": 5, "date": datetime.date(2026, 12, 11)})
    return only_email()


@makes("enquiries.reply")
def _nurse_reply(site_tree, pdf_html):
    from cancerinfo.enquiries import services

    services.send_reply(an_enquiry(), None, "Most people have little pain afterwards.")
    return only_email()


@makes("enquiries.contact_acknowledgement")
def _contact_acknowledgement(site_tree, pdf_html):
    from cancerinfo.enquiries import mail as enquiry_mail
    from cancerinfo.enquiries.models import ContactMessage

    message = ContactMessage.objects.create(
        category=ContactMessage.Category.choices[0][0], name="Sam", email="sam@example.org", message="Thank you."
    )
    enquiry_mail.acknowledge_contact_message(message)
    return only_email()


@makes("donations.receipt")
def _donation_receipt(site_tree, pdf_html):
    from cancerinfo.donations.models import Donation
    from cancerinfo.donations.services import send_confirmation

    donation = Donation.objects.create(
        amount=Decimal("20"), email="sam@example.org", provider="sandbox", status=Donation.CONFIRMED
    )
    send_confirmation(donation)
    return only_email()


@makes("chat.transcript")
def _chat_transcript(site_tree, pdf_html):
    from cancerinfo.chat import services
    from cancerinfo.chat.models import Chat

    chat = Chat.objects.create(token_hash=services.token_hash("a reader's token, kept by the reader"))
    services.post(chat, "reader", "Is it normal to feel this tired?", client_id="one")
    services.send_transcript(chat, "sam@example.org")
    text = only_email()
    assert "Is it normal to feel this tired?" in text
    return text


def _trial_alert(site_tree):
    from cancerinfo.taxonomy.models import CancerType
    from cancerinfo.trialalerts.models import TrialAlert

    cancer_type = CancerType.objects.get_or_create(name="Breast cancer")[0]
    return TrialAlert.objects.create(email="sam@example.org", district="LS1", cancer_type=cancer_type)


@makes("trialalerts.confirm")
def _trial_alert_confirmation(site_tree, pdf_html):
    from cancerinfo.trialalerts import services

    services.subscribe(
        "sam@example.org",
        "LS1",
        _trial_alert(site_tree).cancer_type,
        lambda token: f"http://testserver/trial-alerts/confirm/{token}/",
        lambda token: f"http://testserver/trial-alerts/stop/{token}/",
    )
    return only_email()


@makes("trialalerts.alert")
def _trial_alert_email(site_tree, pdf_html):
    from cancerinfo.trialalerts import services
    from cancerinfo.trials.models import PostcodeDistrict, Trial, TrialSite

    alert = _trial_alert(site_tree)
    PostcodeDistrict.objects.create(outward_code="LS1", latitude=53.7974, longitude=-1.55307)
    trial = Trial.objects.create(
        registry_id="NCT09200001", title="A sample trial", status="recruiting", last_updated=timezone.localdate()
    )
    trial.cancer_types.add(alert.cancer_type)
    TrialSite.objects.create(trial=trial, name="A Leeds hospital", latitude=53.8046, longitude=-1.5198)
    alert.confirmed_at = timezone.now()
    alert.save()
    assert services.send_alerts().emails == 1
    return only_email()


def test_every_public_output_is_made_here():
    assert sorted(MAKERS) == [output.key for output in registered_outputs(PUBLIC)]


@pytest.mark.parametrize("key", sorted(MAKERS))
def test_each_output_carries_the_service_name_helpline_and_charity_from_the_live_settings(
    key, live_settings, site_tree, pdf_html
):
    text = MAKERS[key](site_tree, pdf_html)
    missing = [name for name, value in LIVE.items() if value not in text]
    assert not missing, f"{key} lacks {missing}:\n{text[-1500:]}"


def test_a_printed_packing_slip_shows_them_on_paper(live_settings):
    from pypdf import PdfReader

    from cancerinfo.publications import orders

    reader = PdfReader(io.BytesIO(orders.packing_slips_pdf([an_order()])))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)
    for value in LIVE.values():
        assert value in text


def test_the_identity_is_read_live_with_the_helpline_hours_from_the_timetable(live_settings):
    from cancerinfo.helpline.models import WeeklyHours
    from cancerinfo.helpline.services import forget_schedule

    WeeklyHours.objects.all().delete()
    WeeklyHours.objects.create(weekday=5, opens=datetime.time(10), closes=datetime.time(13))
    forget_schedule()
    identity = service_identity()
    assert identity.helpline_hours == "Saturday, 10am to 1pm"
    assert (
        identity.helpline_sentence
        == f"Call our cancer nurses free on {LIVE['helpline_number']}, Saturday, 10am to 1pm."
    )
    assert identity.charity_sentence == f"{LIVE['charity_name']}. {LIVE['charity_registration']}."


def _output_templates() -> set[str]:
    """Every template that draws something printed or e-mailed: those in an email/ or pdf/ folder, or named *_pdf."""
    found = set()
    for root in Path(settings.BASE_DIR, "cancerinfo").glob("*/templates"):
        for path in root.rglob("*"):
            if path.suffix not in (".html", ".txt") or not path.is_file():
                continue
            name = path.relative_to(root).as_posix()
            if {"email", "pdf"} & set(path.relative_to(root).parts[:-1]) or path.stem.endswith("_pdf"):
                found.add(name)
    return found


def test_every_output_template_is_registered():
    registered = {output.template for output in registered_outputs()}
    assert _output_templates(), "the search for output templates found none: it is looking in the wrong place"
    assert _output_templates() <= registered, _output_templates() - registered


# Where the site hands something to the mail or the PDF maker. The plumbing (the queue, the redaction of logs, the
# PDF maker itself) is named here; every other module that calls one of these must render a registered template.
SENDS = re.compile(r"\b(send_mail|EmailMessage|EmailMultiAlternatives|html_to_pdf|write_pdf|mail_admins)\(")
PLUMBING = {"jobs/models.py", "jobs/mail.py", "deployment/redaction.py", "publications/pdf.py"}


def test_every_module_that_e_mails_or_prints_draws_a_registered_output():
    templates = {output.template for output in registered_outputs()}
    package = Path(settings.BASE_DIR, "cancerinfo")
    senders = []
    for path in package.rglob("*.py"):
        name = path.relative_to(package).as_posix()
        if "/tests/" in f"/{name}" or name in PLUMBING:
            continue
        source = path.read_text(encoding="utf-8")
        if SENDS.search(source):
            senders.append(name)
            assert any(template in source for template in templates), f"{name} sends or prints an unregistered output"
    assert "donations/services.py" in senders and "publications/orders.py" in senders  # the search finds them


@pytest.fixture
def charity_logo(live_settings, settings, tmp_path):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    settings.MEDIA_ROOT = str(tmp_path)
    live_settings.logo = Image.objects.create(title="Charity logo", file=get_test_image_file())
    live_settings.save()
    return live_settings.logo


@pytest.mark.parametrize("key", ["publications.booklet_pdf", "publications.packing_slip", "prescriptions.pdf"])
def test_the_charity_logo_from_the_settings_is_on_every_pdf(key, charity_logo, site_tree, pdf_html):
    html = MAKERS[key](site_tree, pdf_html)
    assert re.search(r'<img[^>]*class="output-identity__logo"', html), html[-1500:]


def test_the_logo_is_printed_on_paper(charity_logo):
    from pypdf import PdfReader

    from cancerinfo.publications import orders

    (page,) = PdfReader(io.BytesIO(orders.packing_slips_pdf([an_order()]))).pages
    assert len(page.images) == 1
