"""A live site must run jobs on a worker: the immediate backend makes PDFs and sends e-mail inside requests, and the
dummy backend never runs them at all."""

from django.conf import settings
from django.core import checks

REFUSED_BACKENDS = {
    "django_tasks.backends.immediate.ImmediateBackend": "runs every job inside the web request",
    "django_tasks.backends.dummy.DummyBackend": "never runs jobs at all",
    "django.tasks.backends.immediate.ImmediateBackend": "runs every job inside the web request",
    "django.tasks.backends.dummy.DummyBackend": "never runs jobs at all",
}


@checks.register(checks.Tags.security, deploy=True)
def tasks_backend_runs_on_a_worker(app_configs, **kwargs):
    """With production settings, refuse backends that do not use a worker (tests and development may use them)."""
    if not getattr(settings, "PRODUCTION", False):
        return []
    messages = []
    for alias, config in getattr(settings, "TASKS", {}).items():
        backend = config.get("BACKEND", "")
        if backend in REFUSED_BACKENDS:
            messages.append(
                checks.Error(
                    f"The background jobs backend {backend} {REFUSED_BACKENDS[backend]} (TASKS['{alias}']).",
                    hint="Set TASKS_BACKEND to django_tasks_db.DatabaseBackend (or leave it unset: that is the "
                    "default) and run `manage.py run_worker` beside the web server: see docs/deployment.md.",
                    obj="settings.TASKS",
                    id="jobs.E001",
                )
            )
    if settings.EMAIL_BACKEND != "cancerinfo.jobs.mail.QueuedEmailBackend":
        messages.append(
            checks.Warning(
                "E-mail is sent inside web requests, not through the queue: a slow mail server slows the forms.",
                hint="Unset EMAIL_QUEUE (it defaults to true).",
                obj="settings.EMAIL_BACKEND",
                id="jobs.W001",
            )
        )
    return messages
