"""The restore drill of issue 26, step by step as the runbook in docs/deployment.md says, on whichever database the
suite runs on (SQLite, and PostgreSQL in CI):

1. Load the demo with enquiries, orders, donations and a published change.
2. Back up.
3. Destroy the database and the media.
4. Restore into a fresh database.
5. Every page that answered 200 answers 200 with the same content; every enquiry decrypts; counts of orders,
   donations and Gift Aid declarations match; generated PDFs are back.
"""

import datetime
import json
import subprocess
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from cancerinfo.backups import checks, scratch, services
from cancerinfo.backups.models import BackupRun
from cancerinfo.booklets.models import BookletPage, BookletSectionPage
from cancerinfo.donations.models import Donation, GiftAidDeclaration
from cancerinfo.donations.tests.factories import DonationFactory
from cancerinfo.enquiries.models import ContactMessage, Enquiry, EnquiryReply
from cancerinfo.publications import pdf
from cancerinfo.publications.models import BookletPdf, Order, OrderLine, Publication

pytestmark = pytest.mark.django_db(transaction=True)


def load_demo_with_personal_data():
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # Enquiries and their replies, a contact message: encrypted at rest with the enquiry key.
    for number in range(3):
        enquiry = Enquiry.objects.create(
            about=Enquiry.About.ME,
            question=f"Question {number}: is it normal to feel this tired after radiotherapy?",
            first_name=f"Sam{number}",
            email=f"sam{number}@example.com",
            consent_wording_version="2026-01",
            consent_given_at=timezone.now(),
        )
        EnquiryReply.objects.create(enquiry=enquiry, body=f"Reply {number}: yes, tiredness is common.")
    ContactMessage.objects.create(category="website", name="Alex", email="alex@example.com", message="A typo.")
    # Orders of printed booklets, donations with and without Gift Aid.
    publication = Publication.objects.filter(pdf=True).first()
    for number in range(2):
        order = Order.objects.create(
            reference=f"ORD-DRILL-{number}", submission_token=f"drill-{number}", name="Pat", postcode="SW1A 1AA"
        )
        OrderLine.objects.create(
            order=order, publication=publication, code=publication.code, title=publication.title,
            format="standard", quantity=2,
        )  # fmt: skip
    DonationFactory(confirmed=True, with_gift_aid=True, amount=Decimal("25.00"))
    DonationFactory(confirmed=True, with_gift_aid=True, amount=Decimal("10.00"))
    DonationFactory(confirmed=True)
    # A published change to a booklet section.
    section = BookletSectionPage.objects.live().order_by("path").first().specific
    section.title = f"{section.title} (updated)"
    section.save_revision().publish()
    # A generated PDF of the shortest booklet (media that exists only because the site made it).
    booklet = min(BookletPage.objects.live(), key=lambda b: b.get_children().count())
    record = pdf.get_or_create_pdf(booklet, BookletPdf.VARIANT_STANDARD)
    return section.url, record.file.name


def enquiries_as_read():
    return sorted(
        (e.reference, e.question, e.first_name, e.email, tuple(r.body for r in e.replies.order_by("pk")))
        for e in Enquiry.objects.prefetch_related("replies")
    )


def money_and_orders():
    return {
        "orders": Order.objects.count(),
        "order lines": OrderLine.objects.count(),
        "donations": Donation.objects.count(),
        "gift aid declarations": GiftAidDeclaration.objects.count(),
        "donations with gift aid": Donation.objects.exclude(gift_aid_declaration=None).count(),
        "contact messages": ContactMessage.objects.count(),
    }


def test_the_restore_drill(backup_dir, media_files, tmp_path, client):
    # 1. The demo, with people's questions, orders, donations, a published change and a generated PDF.
    changed_url, pdf_name = load_demo_with_personal_data()
    pages_before = checks.page_fingerprints()
    answered = [path for path, page in pages_before.items() if page["status"] == 200]
    assert len(answered) > 50 and changed_url in answered
    enquiries_before, counts_before, files_before = enquiries_as_read(), money_and_orders(), media_files()
    assert len(enquiries_before) == 3 and counts_before["gift aid declarations"] == 2 and pdf_name in files_before

    # 2. Back up (runbook step 1, stopping gunicorn and the worker, has nothing to stop here: the test is the only
    # writer). Runbook step 2: check the file against its .sha256 with sha256sum, which needs no key; step 3:
    # verify_backup with the keys in the environment.
    call_command("backup")
    (archive,) = services.archives()
    checked = subprocess.run(
        ["sha256sum", "-c", archive.name + ".sha256"], cwd=archive.parent, capture_output=True, text=True
    )
    assert checked.returncode == 0 and checked.stdout.strip() == f"{archive.name}: OK", checked.stdout
    call_command("verify_backup", str(archive))

    # 3. Destroy the database and the media.
    call_command("flush", interactive=False)
    for name in files_before:
        default_storage.delete(name)
    assert not Order.objects.exists() and not Enquiry.objects.exists() and not media_files()

    # 4. Restore into a fresh database (runbook steps 4-6: create it, point DATABASE_URL at it, restore_backup,
    # migrate, search_index, then look at /health/).
    with scratch.fresh_database(tmp_path) as fresh, scratch.use_database(fresh):
        call_command("restore_backup", str(archive))
        call_command("migrate", interactive=False, verbosity=0)
        call_command("search_index", stdout=open("/dev/null", "w"))  # noqa: SIM115
        health = client.get("/health/")
        assert health.status_code == 200 and json.loads(health.content)["database"] == "ok"

        # 5. Pages, enquiries, counts, PDFs: all as they were.
        with checks.isolated_cache():
            assert checks.compare_pages(pages_before, checks.page_fingerprints(list(pages_before))) == []
            assert "(updated)</h1>" in client.get(changed_url).content.decode()  # the published change survived
        assert enquiries_as_read() == enquiries_before
        assert checks.decrypt_all() >= 3 * 4 + 3
        assert money_and_orders() == counts_before
        assert media_files() == files_before
        assert BookletPdf.objects.filter(file=pdf_name).exists()
        restore_run = BackupRun.objects.get(kind=BackupRun.Kind.RESTORE)
        assert restore_run.succeeded and restore_run.archive == archive.name

        # Runbook step 7: back up at once; the new backup holds what was restored.
        call_command("backup")
        newest = max(services.archives())
        assert newest != archive
        call_command("verify_backup", str(newest))


def test_the_drill_command_restores_into_a_scratch_database_and_records_the_result(backup_dir, site_tree):
    DonationFactory(confirmed=True, with_gift_aid=True)
    Enquiry.objects.create(
        about="me", question="Can I travel abroad during chemotherapy?", email="kim@example.com",
        consent_wording_version="2026-01", consent_given_at=timezone.now() - datetime.timedelta(days=1),
    )  # fmt: skip
    call_command("backup")

    call_command("restore_drill")

    drill = BackupRun.objects.get(kind=BackupRun.Kind.DRILL)
    assert drill.succeeded, drill.detail
    assert "1 encrypted enquiry fields read" not in drill.detail  # question and e-mail: two fields
    assert "2 encrypted enquiry fields read" in drill.detail
    # The live database is untouched: one backup, one drill, and the drill's own restore stayed in the scratch one.
    assert not BackupRun.objects.filter(kind=BackupRun.Kind.RESTORE).exists()
    assert Donation.objects.count() == 1
