"""After each import the worker e-mails every confirmed alert once about the trials that opened near it: recruiting,
for its cancer type, with an open site within TRIAL_ALERTS_MILES of its district, and a registry record recent
enough to believe. Nothing for anything else, and never the same trial twice."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from cancerinfo.trialalerts import services
from cancerinfo.trialalerts.models import KnownTrial, TrialAlert
from cancerinfo.trials.importer import import_path
from cancerinfo.trials.models import Trial
from cancerinfo.trials.tests.factories import write_ndjson

from .factories import GLASGOW_HOSPITAL, LEEDS_HOSPITAL, alert, trial_study

pytestmark = pytest.mark.django_db


def import_studies(tmp_path, *studies, name="studies.ndjson"):
    report = import_path(write_ndjson(tmp_path / name, list(studies)))
    assert not report.skipped
    return report


@pytest.fixture
def sam(site_tree, breast, districts):
    return alert(cancer_type=breast, district="LS1")


def test_an_import_that_adds_a_matching_trial_sends_one_alert_naming_it(tmp_path, sam):
    import_studies(tmp_path, trial_study("NCT09000001"))
    (message,) = mail.outbox
    assert message.to == ["sam@example.org"]
    assert message.subject == "A new clinical trial for breast cancer near LS1"
    assert "A sample trial of a new treatment for breast cancer" in message.body
    assert "Nearest hospital: A Leeds teaching hospital (sample), about 1 mile from the centre of LS1" in message.body
    assert "/clinical-trials/NCT09000001/?postcode=LS1" in message.body
    assert f"/trial-alerts/stop/{sam.token}/" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "Take this e-mail to your cancer specialist or nurse" in message.body
    sam.refresh_from_db()
    assert sam.alerts_sent == 1 and sam.last_sent_at is not None

    import_studies(tmp_path, trial_study("NCT09000001"))  # the same trial again: already told
    assert len(mail.outbox) == 1


@pytest.mark.parametrize(
    "record",
    [
        trial_study("NCT09000002", condition="Colorectal Cancer"),  # another cancer type
        trial_study("NCT09000003", locations=[GLASGOW_HOSPITAL]),  # 200 miles away
        trial_study("NCT09000004", status="COMPLETED"),  # not recruiting
        trial_study("NCT09000005", updated="2018-04-01"),  # "recruiting", but not confirmed since 2018
        trial_study("NCT09000006", locations=[{**LEEDS_HOSPITAL, "status": "COMPLETED"}]),  # its Leeds site closed
    ],
    ids=["other-cancer", "too-far", "completed", "stale", "site-closed"],
)
def test_an_import_of_a_trial_that_does_not_match_sends_nothing(tmp_path, sam, bowel, record):
    import_studies(tmp_path, record)
    assert Trial.objects.filter(registry_id=record["protocolSection"]["identificationModule"]["nctId"]).exists()
    assert mail.outbox == []


def test_a_trial_that_opens_later_is_told_about_when_it_opens(tmp_path, sam):
    import_studies(tmp_path, trial_study("NCT09000007", status="NOT_YET_RECRUITING"))
    assert mail.outbox == []
    import_studies(tmp_path, trial_study("NCT09000007"))
    assert [message.subject for message in mail.outbox] == ["A new clinical trial for breast cancer near LS1"]


def test_trials_recruiting_when_the_alert_started_are_never_e_mailed_but_a_new_one_is(tmp_path, sam):
    import_studies(tmp_path, trial_study("NCT09000020"))  # there before the alert started
    mail.outbox.clear()
    TrialAlert.objects.filter(pk=sam.pk).update(confirmed_at=None)
    KnownTrial.objects.all().delete()
    assert services.confirm(sam) == 1
    import_studies(tmp_path, trial_study("NCT09000020"), trial_study("NCT09000021"))
    (message,) = mail.outbox
    assert message.subject == "A new clinical trial for breast cancer near LS1"
    assert "NCT09000021" in message.body and "NCT09000020" not in message.body


def test_unconfirmed_alerts_get_nothing(tmp_path, site_tree, breast, districts):
    alert(cancer_type=breast, confirmed=False)
    import_studies(tmp_path, trial_study("NCT09000008"))
    assert mail.outbox == []


def test_several_new_trials_make_one_e_mail_nearest_first(tmp_path, sam):
    near_glasgow_too = [GLASGOW_HOSPITAL, {**LEEDS_HOSPITAL, "geoPoint": {"lat": 53.9, "lon": -1.7}}]
    import_studies(tmp_path, trial_study("NCT09000010", locations=near_glasgow_too), trial_study("NCT09000009"))
    (message,) = mail.outbox
    assert message.subject == "2 new clinical trials for breast cancer near LS1"
    assert message.body.index("NCT09000009") < message.body.index("NCT09000010")


def test_sending_twice_tells_once(tmp_path, sam):
    import_studies(tmp_path, trial_study("NCT09000011"))
    assert services.send_alerts().emails == 0
    assert len(mail.outbox) == 1
    assert KnownTrial.objects.filter(alert=sam, alerted_at__isnull=False).count() == 1


def test_each_person_is_told_about_their_own_alert(tmp_path, sam, breast, bowel):
    jo = alert(email="jo@example.org", cancer_type=bowel, district="LS9")
    kim = alert(email="kim@example.org", cancer_type=breast, district="G12")
    import_studies(tmp_path, trial_study("NCT09000012"), trial_study("NCT09000013", condition="Colorectal Cancer"))
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {"sam@example.org", "jo@example.org"}
    assert "NCT09000012" in by_address["sam@example.org"].body
    assert "NCT09000013" in by_address["jo@example.org"].body
    assert not KnownTrial.objects.filter(alert=kim).exists()
    assert jo.pk != kim.pk


def test_checking_many_alerts_takes_a_fixed_number_of_queries(
    tmp_path, site_tree, breast, districts, django_assert_max_num_queries
):
    for number in range(30):
        alert(email=f"person{number}@example.org", cancer_type=breast, district=("LS1", "LS9", "G12")[number % 3])
    with django_assert_max_num_queries(6):
        report = services.send_alerts()
    assert report.alerts == 30 and report.emails == 0


def test_the_importer_queues_the_job_on_the_worker(tmp_path, sam, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    import_studies(tmp_path, trial_study("NCT09000014"))
    import_studies(tmp_path, trial_study("NCT09000015"), name="more.ndjson")
    queued = DBTaskResult.objects.filter(task_path="cancerinfo.trialalerts.tasks.send_trial_alerts")
    assert queued.count() == 1  # queued once for the two imports, to run on the worker
    assert mail.outbox == []


def test_alerts_past_their_time_are_deleted(site_tree, breast, districts, settings):
    now = timezone.now()
    keep = alert(cancer_type=breast)
    new = alert(email="new@example.org", cancer_type=breast, confirmed=False)
    old_unconfirmed = alert(email="old@example.org", cancer_type=breast, confirmed=False)
    old_confirmed = alert(email="year@example.org", cancer_type=breast)
    TrialAlert.objects.filter(pk=old_unconfirmed.pk).update(created_at=now - datetime.timedelta(days=8))
    TrialAlert.objects.filter(pk=old_confirmed.pk).update(confirmed_at=now - datetime.timedelta(days=366))
    assert services.purge_expired() == {"unconfirmed": 1, "expired": 1}
    assert set(TrialAlert.objects.all()) == {keep, new}


def test_the_purge_is_a_nightly_job_and_a_command(site_tree, breast, districts):
    import io

    from django.core.management import call_command

    from cancerinfo.jobs.registry import scheduled_jobs
    from cancerinfo.trialalerts.tasks import purge_trial_alerts

    assert purge_trial_alerts.module_path in {info.path for info in scheduled_jobs()}
    old = alert(cancer_type=breast, confirmed=False)
    TrialAlert.objects.filter(pk=old.pk).update(created_at=timezone.now() - datetime.timedelta(days=30))
    out = io.StringIO()
    call_command("purge_trial_alerts", stdout=out)
    assert "Deleted 1 unconfirmed and 0 expired trial alert(s)." in out.getvalue()
    assert not TrialAlert.objects.exists()


def test_the_privacy_notice_gives_both_periods_from_the_settings(client, site_tree, settings):
    settings.TRIAL_ALERTS_RETENTION_DAYS = 200
    settings.TRIAL_ALERTS_CONFIRM_DAYS = 5
    html = client.get("/privacy/").content.decode()
    assert "200 days after you confirm it, or at once when you unsubscribe" in html
    assert "an alert you never confirm is deleted after 5 days" in html
