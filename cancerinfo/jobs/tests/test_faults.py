"""Fault tests with the real thing: gunicorn with production settings, `run_worker` processes and an SMTP server on
127.0.0.1 (aiosmtpd), never Django's in-memory outbox.

- The mail server is down while 50 people ask a question: every one is acknowledged at once, every confirmation
  arrives once the server is back, none twice. The outage is the issue's 60 s, as in `make bench-faults`; retries
  come every few seconds here (hours of backoff in production) so delivery follows soon after.
- A worker is killed in the middle of a booklet's PDF: after another worker starts, the job completes with exactly
  one PDF record per format.
- A job that keeps failing stops after its retries and shows in the admin with its error.
"""

import os

import pytest

pytest.importorskip("aiosmtpd", reason="aiosmtpd (a dev dependency) runs the SMTP server of these tests")

from . import stack as faults  # noqa: E402

pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def site():
    url = os.environ.get("DATABASE_URL", "")
    with faults.Stack(
        database_url=url if url.startswith("postgres") else None,
        EMAIL_RETRY_SECONDS="2",
        EMAIL_RETRY_MAX_SECONDS="5",
    ) as running:
        yield running


def test_mail_server_down_while_50_people_ask_a_question(site):
    site.start_worker()
    report = faults.mail_outage(site, enquiries=50, outage_seconds=60)
    assert report["acknowledged"] == 50, report
    assert report["slowest_acknowledgement_s"] < 2, "a broken mail server never slows the form"
    assert report["delivered_during_outage"] == 0
    assert report["confirmations_once"] == 50 and report["confirmations_missing"] == 0, report
    assert report["confirmations_twice"] == 0 and report["duplicated"] == 0, report
    assert report["sent"] >= 100 and report["lost"] == 0, "the nurses' notifications arrive too"


def test_worker_killed_in_the_middle_of_a_pdf_job(site):
    report = faults.worker_killed_mid_pdf(site, sections=60)
    assert report["killed_while_running"], report
    assert report["outcome"] == "SUCCESSFUL", report
    assert report["pdf_records"] == {"standard": 1, "large-print": 1}, report


def test_a_job_that_keeps_failing_stops_after_its_retries_and_shows_in_the_admin(site):
    report = faults.job_that_keeps_failing(site, retries=3)
    assert report["attempts"] == 4 and report["still_queued"] == 0, report
    assert report["email_status"] == "failed"
    assert report["admin_status"] == 200
    assert report["admin_shows_gave_up"] and report["admin_shows_error"], report
