import pytest

from cancerinfo.taxonomy.models import CancerType
from cancerinfo.trials.models import TrialFinderPage

from .factories import make_districts


@pytest.fixture
def finder(site_tree):
    page = site_tree["clinical-trials"].specific
    assert isinstance(page, TrialFinderPage)
    return page


@pytest.fixture
def districts(db):
    return make_districts()


@pytest.fixture
def prostate(db):
    return CancerType.objects.create(name="Prostate cancer")


@pytest.fixture
def lung(db):
    return CancerType.objects.create(name="Lung cancer")
