import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def clear_cache():
    """The schedule is cached; the database is rolled back after each test, so the cache must be emptied too."""
    cache.clear()
    yield
    cache.clear()
