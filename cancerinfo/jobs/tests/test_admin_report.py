"""Reports → Background jobs shows each scheduled job's last run and outcome, and failures with their errors, to
superusers and Publishers only."""

import pytest
from django.contrib.auth.models import Group

from cancerinfo.governance import roles
from cancerinfo.jobs import worker

from . import sample_jobs

pytestmark = pytest.mark.django_db
URL = "/admin/jobs/"


@pytest.fixture
def staff(django_user_model, site_tree):
    from django.apps import apps

    if not Group.objects.filter(name=roles.PUBLISHERS).exists():
        roles.setup_editorial_roles(apps)

    def make(name, group):
        user = django_user_model.objects.create_user(username=name, password="pw")
        user.groups.add(Group.objects.get(name=group))
        return user

    return make


def test_a_job_that_keeps_failing_shows_with_its_error_and_that_it_gave_up(admin_client, database_queue):
    sample_jobs.flaky.enqueue("never", 99)
    for _ in range(4):
        database_queue.filter(status="READY").update(run_after="2000-01-01T00:00:00Z")
        worker.run_waiting_jobs()
    html = admin_client.get(URL).content.decode()
    assert "Fail the first `failures` attempts" in html
    assert "ConnectionError: attempt 3 failed" in html
    assert "Attempt 3: gave up" in html and "Attempt 1: tried again" in html
    assert "<details><summary>Details</summary>" in html, "superusers see the traceback"


def test_scheduled_jobs_show_their_schedule_last_run_and_outcome(admin_client, database_queue):
    from cancerinfo.jobs.models import ScheduledJob

    worker.run_due_schedules()
    ScheduledJob.objects.filter(name="cancerinfo.search.tasks.flush_search_log").update(next_run_at="2000-01-01T00:00Z")
    worker.run_due_schedules()
    worker.run_waiting_jobs()
    html = admin_client.get(URL).content.decode()
    assert "Flush the search log" in html and "Every 5 minutes" in html and "Succeeded" in html
    assert "Every Monday at 07:00" in html and "Not run yet" in html
    assert "No worker is running" in html


def test_run_now_queues_a_scheduled_job(admin_client, database_queue):
    response = admin_client.post(URL + "run/cancerinfo.governance.tasks.check_links/")
    assert response.status_code == 302
    assert database_queue.filter(task_path="cancerinfo.governance.tasks.check_links", status="READY").count() == 1
    assert admin_client.post(URL + "run/cancerinfo.jobs.mail.deliver_email/").status_code == 404


def test_publishers_see_the_report_but_editors_and_nurses_do_not(client, staff, database_queue):
    for name, group, status in [
        ("pat", roles.PUBLISHERS, 200),
        ("eve", roles.EDITORS, 403),
        ("nina", roles.NURSES, 403),
    ]:
        client.force_login(staff(name, group))
        response = client.get(URL)
        assert response.status_code in ((status,) if status == 200 else (302, 403)), name
        if status == 200:
            assert "Background jobs" in response.content.decode()
            assert "<details>" not in response.content.decode(), "tracebacks are for superusers only"
        else:
            assert client.post(URL + "run/cancerinfo.governance.tasks.check_links/").status_code in (302, 403)
    assert not database_queue.exists(), "only Publishers (and superusers) may start a job"


def test_errors_in_the_report_never_show_e_mail_addresses(admin_client, database_queue):
    sample_jobs.flaky.enqueue("refused", 99)
    database_queue.update(args_kwargs={"args": ["refused", 99], "kwargs": {"_attempt": 3}})
    worker.run_waiting_jobs()
    database_queue.filter(status="FAILED").update(
        traceback="Traceback...\nSMTPRecipientsRefused: {'reader@example.org': (550, b'No such user')}"
    )
    html = admin_client.get(URL).content.decode()
    assert "SMTPRecipientsRefused" in html and "reader@example.org" not in html
