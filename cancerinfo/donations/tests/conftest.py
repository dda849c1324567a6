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
def donation_page(db):
    """The "Support us" page with the demo's suggested amounts, under the home page (the rest of the site skeleton
    is not needed here, and building it for each test is slow)."""
    import io

    from cancerinfo.core.demo import ensure_child, ensure_home
    from cancerinfo.donations import demo
    from cancerinfo.donations.models import DonationPage

    page = ensure_child(ensure_home(), DonationPage, "support-us", "Support us", introduction="Please give.")
    demo.load({"support-us": page}, io.StringIO())
    return DonationPage.objects.get(pk=page.pk)
