import pytest

DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue(settings):
    """The real queue (jobs wait in the database for a worker) instead of the tests' immediate backend."""
    settings.TASKS = DATABASE_QUEUE
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects
