"""UK postcodes: normalise what people type, find the district's centre offline, and measure distances in miles."""

import math
import re
from dataclasses import dataclass

EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE_LATITUDE = 69.09  # 2πR / 360 with R above

# Outward code (district): A9, A99, AA9, AA99, A9A, AA9A. Inward code: 9AA.
OUTWARD = r"[A-Z]{1,2}[0-9][A-Z0-9]?"
INWARD = r"[0-9][A-Z]{2}"
FULL_POSTCODE_RE = re.compile(rf"^({OUTWARD})({INWARD})$")
OUTWARD_RE = re.compile(rf"^{OUTWARD}$")
MAX_INPUT_LENGTH = 20

MALFORMED_MESSAGE = "Enter a UK postcode, like SW1A 1AA, or the first part of one, like M1"
UNKNOWN_MESSAGE = "We cannot find the postcode area {code}. Check the postcode and try again"


class PostcodeError(ValueError):
    """What was typed is not a UK postcode we can place; the message is written for the person who typed it."""


@dataclass(frozen=True)
class Postcode:
    outward: str
    inward: str = ""

    @property
    def display(self) -> str:
        return f"{self.outward} {self.inward}" if self.inward else self.outward


def normalise_postcode(raw: str) -> Postcode:
    """'sw1a1aa' -> SW1A 1AA, ' M1 ' -> M1. Raises PostcodeError for anything that is not shaped like a postcode."""
    if raw is None:
        raise PostcodeError(MALFORMED_MESSAGE)
    parts = str(raw)[: MAX_INPUT_LENGTH * 2].upper().split()
    if len(parts) == 2:
        # Typed with a space: the space says where the district ends ("M1 1AA", never "M11 AA").
        outward, inward = parts
        if OUTWARD_RE.match(outward) and re.match(rf"^{INWARD}$", inward):
            return Postcode(outward, inward)
        raise PostcodeError(MALFORMED_MESSAGE)
    compact = "".join(parts)
    if not compact or len(compact) > 8:
        raise PostcodeError(MALFORMED_MESSAGE)
    full = FULL_POSTCODE_RE.match(compact)
    if full:
        return Postcode(full.group(1), full.group(2))
    if OUTWARD_RE.match(compact):
        return Postcode(compact)
    raise PostcodeError(MALFORMED_MESSAGE)


def outward_code(raw: str) -> str | None:
    """The district part of a postcode, or None when it is not a UK postcode (quietly: for importers)."""
    try:
        return normalise_postcode(raw).outward
    except PostcodeError:
        return None


@dataclass(frozen=True)
class Origin:
    """Where distances are measured from: a postcode and the centre of its district."""

    postcode: Postcode
    latitude: float
    longitude: float

    @property
    def label(self) -> str:
        return self.postcode.display


def locate_postcode(raw: str) -> Origin:
    """Normalise and place a postcode at its district's centre (one query). Raises PostcodeError."""
    from .models import PostcodeDistrict

    postcode = normalise_postcode(raw)
    district = PostcodeDistrict.objects.filter(outward_code=postcode.outward).values_list("latitude", "longitude")
    row = district.first()
    if row is None:
        raise PostcodeError(UNKNOWN_MESSAGE.format(code=postcode.outward))
    return Origin(postcode, row[0], row[1])


def haversine_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in miles between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class BoundingBox:
    min_lat: float
    max_lat: float
    min_lon: float | None  # None: every longitude (the box reaches a pole or wraps round the globe)
    max_lon: float | None


def bounding_box(latitude: float, longitude: float, miles: float) -> BoundingBox:
    """A latitude/longitude box that holds every point within `miles` of the centre (and a few more)."""
    dlat = miles / MILES_PER_DEGREE_LATITUDE
    min_lat, max_lat = latitude - dlat, latitude + dlat
    if min_lat <= -90 or max_lat >= 90:
        return BoundingBox(max(min_lat, -90.0), min(max_lat, 90.0), None, None)
    # The widest longitude span is at the edge of the box nearest a pole.
    widest = max(abs(min_lat), abs(max_lat))
    dlon = miles / (MILES_PER_DEGREE_LATITUDE * math.cos(math.radians(widest)))
    if dlon >= 180 or longitude - dlon < -180 or longitude + dlon > 180:
        return BoundingBox(min_lat, max_lat, None, None)
    return BoundingBox(min_lat, max_lat, longitude - dlon, longitude + dlon)
