import pytest

from cancerinfo.glossary.services import reset_matcher


@pytest.fixture(autouse=True)
def fresh_glossary_cache():
    """Each test starts and ends with no cached matcher, so no test sees another's terms."""
    from django.core.cache import cache

    cache.delete("glossary:version")
    reset_matcher()
    yield
    cache.delete("glossary:version")
    reset_matcher()
