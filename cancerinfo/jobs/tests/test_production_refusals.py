"""A live site refuses to run jobs inside requests (immediate backend) or not at all (dummy backend)."""

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from cancerinfo.jobs.checks import tasks_backend_runs_on_a_worker


@pytest.mark.parametrize(
    "backend", ["django_tasks.backends.immediate.ImmediateBackend", "django_tasks.backends.dummy.DummyBackend"]
)
def test_deploy_checks_refuse_backends_that_do_not_use_a_worker(settings, backend):
    settings.PRODUCTION = True
    settings.TASKS = {"default": {"BACKEND": backend}}
    (error,) = [m for m in tasks_backend_runs_on_a_worker(None) if m.id == "jobs.E001"]
    assert "TASKS_BACKEND" in error.hint and "run_worker" in error.hint
    with pytest.raises(SystemCheckError, match="jobs.E001"):
        call_command("check", "--deploy", "--fail-level", "ERROR", tags=["security"])


def test_the_database_queue_passes(settings):
    settings.PRODUCTION = True
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "cancerinfo.jobs.mail.QueuedEmailBackend"
    assert tasks_backend_runs_on_a_worker(None) == []


def test_outside_production_settings_the_immediate_backend_is_allowed(settings):
    """Tests and scripts may run jobs at once; only a live site must use the worker."""
    settings.PRODUCTION = False
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    assert tasks_backend_runs_on_a_worker(None) == []
