import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    """Rate-limit counters live in the cache; every test starts with none. The sandbox provider is used."""
    settings.DONATIONS_PROVIDER = "sandbox"
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def donation_page(site_tree):
    import io

    from cancerinfo.donations import demo

    demo.load(site_tree, io.StringIO())
    return site_tree["support-us"].specific.__class__.objects.get(pk=site_tree["support-us"].pk)
