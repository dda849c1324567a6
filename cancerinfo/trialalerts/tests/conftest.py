import pytest

from cancerinfo.taxonomy.models import CancerType
from cancerinfo.trials.models import PostcodeDistrict

# District centres as in the shared postcode-districts.csv (numbers only).
DISTRICTS = {"LS1": (53.7974, -1.55307), "LS9": (53.7988, -1.51173), "G12": (55.8797, -4.30204)}


@pytest.fixture
def districts(db):
    return {
        code: PostcodeDistrict.objects.get_or_create(outward_code=code, defaults={"latitude": lat, "longitude": lon})[0]
        for code, (lat, lon) in DISTRICTS.items()
    }


@pytest.fixture
def breast(db):
    return CancerType.objects.get_or_create(name="Breast cancer", defaults={"slug": "breast-cancer"})[0]


@pytest.fixture
def bowel(db):
    return CancerType.objects.get_or_create(name="Bowel cancer", defaults={"slug": "bowel-cancer"})[0]
