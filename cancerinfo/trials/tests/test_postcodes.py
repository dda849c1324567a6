"""Postcodes are normalised and placed at their district's centre offline; distances are great-circle miles."""

import io
import math

import pytest
from django.conf import settings
from django.core.management import call_command

from cancerinfo.trials.models import PostcodeDistrict
from cancerinfo.trials.postcodes import (
    MALFORMED_MESSAGE,
    PostcodeError,
    bounding_box,
    haversine_miles,
    locate_postcode,
    normalise_postcode,
)

from .factories import DISTRICTS, make_districts


@pytest.mark.parametrize(
    ("typed", "outward", "display"),
    [
        ("SW1A 1AA", "SW1A", "SW1A 1AA"),
        ("sw1a1aa", "SW1A", "SW1A 1AA"),
        ("  sw1a   1aa ", "SW1A", "SW1A 1AA"),
        (" M1 ", "M1", "M1"),
        ("M1", "M1", "M1"),
        ("m11aa", "M1", "M1 1AA"),
        ("EH1", "EH1", "EH1"),
        ("cf14 4xw", "CF14", "CF14 4XW"),
    ],
)
def test_postcodes_are_normalised(typed, outward, display):
    postcode = normalise_postcode(typed)
    assert postcode.outward == outward
    assert postcode.display == display


@pytest.mark.parametrize(
    "typed", ["", "   ", "hello", "12345", "SW1A 1AAA", "M1 1", "M 11AA", "SW1A 1AA X", "<script>", "Q" * 500, "1M"]
)
def test_malformed_postcodes_are_refused_with_a_message(typed):
    with pytest.raises(PostcodeError) as error:
        normalise_postcode(typed)
    assert str(error.value) == MALFORMED_MESSAGE


@pytest.mark.django_db
def test_a_postcode_is_placed_at_its_district_centre():
    make_districts("SW1A")
    origin = locate_postcode("sw1a1aa")
    assert (origin.latitude, origin.longitude) == DISTRICTS["SW1A"]
    assert origin.label == "SW1A 1AA"


@pytest.mark.django_db
def test_an_unknown_district_is_refused_with_a_message():
    make_districts("SW1A")
    with pytest.raises(PostcodeError, match="We cannot find the postcode area ZZ9"):
        locate_postcode("ZZ9 9ZZ")


def test_distance_between_two_districts_is_the_great_circle_distance():
    # SW1A (Westminster) to M1 (Manchester city centre), district centres from the shared data:
    # 162.9 miles along the WGS84 ellipsoid (Vincenty's formula), 162.66 on a sphere of the mean Earth radius.
    miles = haversine_miles(*DISTRICTS["SW1A"], *DISTRICTS["M1"])
    assert miles == pytest.approx(162.9, abs=1.0)
    lat1, lon1, lat2, lon2 = map(math.radians, (*DISTRICTS["SW1A"], *DISTRICTS["M1"]))
    spherical_law_of_cosines = 3958.8 * math.acos(
        math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    )
    assert miles == pytest.approx(spherical_law_of_cosines, abs=0.01)
    assert haversine_miles(*DISTRICTS["M1"], *DISTRICTS["SW1A"]) == pytest.approx(miles)
    assert haversine_miles(*DISTRICTS["M1"], *DISTRICTS["M1"]) == 0


def test_the_bounding_box_holds_every_point_within_the_distance():
    lat, lon = DISTRICTS["G12"]
    box = bounding_box(lat, lon, 50)
    for bearing_point in [(lat + 0.72, lon), (lat - 0.72, lon), (lat, lon + 1.27), (lat, lon - 1.27)]:
        assert haversine_miles(lat, lon, *bearing_point) <= 50.5
        assert box.min_lat <= bearing_point[0] <= box.max_lat
        assert box.min_lon <= bearing_point[1] <= box.max_lon


def test_a_box_round_a_pole_or_the_date_line_drops_the_longitude_limit():
    assert bounding_box(89.5, 0, 100).min_lon is None
    assert bounding_box(0, 179.9, 100).min_lon is None


@pytest.mark.django_db
def test_districts_load_from_a_csv(tmp_path):
    csv = tmp_path / "districts.csv"
    csv.write_text(
        "Postcode,Latitude,Longitude,Town/Area\nM1,53.4774,-2.23183,Manchester\nBF1,,,\nSW1A,51.5016,-0.141588,London\n"
    )
    call_command("load_postcode_districts", str(csv), stdout=io.StringIO())
    assert list(PostcodeDistrict.objects.values_list("outward_code", flat=True)) == ["M1", "SW1A"]
    call_command("load_postcode_districts", str(csv), stdout=io.StringIO())
    assert PostcodeDistrict.objects.count() == 2


@pytest.mark.django_db
def test_the_shared_postcode_districts_load():
    path = settings.TRIALS_POSTCODE_DISTRICTS_CSV
    if not path.exists():
        pytest.skip(f"The shared postcode districts are not at {path}")
    call_command("load_postcode_districts", stdout=io.StringIO())
    assert PostcodeDistrict.objects.count() > 3000
    origin = locate_postcode(" M1 ")
    assert (origin.latitude, origin.longitude) == DISTRICTS["M1"]
