"""A map of where the finder's trials take place, drawn on the server as SVG from our own postcode data.

No map tiles, scripts, fonts or images from anyone else: the land is drawn as the centres of the UK's postcode
districts (PostcodeDistrict, from ../shared/data/uk-postcode-districts), one grey dot each, which is enough to show
towns, coasts and the places between; postcode areas (LS, BD, YO...) are written where they fit. On it: the centre of
the reader's postcode district, the distance they chose as a dashed circle, and the nearest site of each trial on
the page, one numbered marker per place. The list beside the map says the same in words (and is what a screen
reader reads: the SVG is an image with a title and a description pointing to it).

The projection is equirectangular, scaled for the middle of the view: at the size of the UK the difference from the
Ordnance Survey's grid is smaller than a marker.
"""

import math
from dataclasses import dataclass, field
from html import escape

import numpy as np
from django.utils.safestring import SafeString

from cancerinfo.delivery import versions

from . import finder_table, services
from .postcodes import EARTH_RADIUS_MILES, MILES_PER_DEGREE_LATITUDE, Origin

BASEMAP = "trial-map-districts"
WIDTH = 400  # the view box; the SVG scales to its box on the page
MIN_ASPECT, MAX_ASPECT = 0.75, 1.35  # height / width
MIN_HALF_SPAN_MILES = 12.0  # the least the map shows around the postcode
PADDING = 0.12  # of the view, around what must be shown
UK_MARGIN_DEGREES = 0.5  # the most a map shows beyond the outermost districts
UK_REACH_MILES = 15.0  # a site farther than this from every district's centre is not in the UK
MARKER_RADIUS = 11
LABEL_SPACING = 46  # view units between postcode-area labels (and markers)
MAX_AREA_LABELS = 14
SCALE_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200)


@dataclass
class Basemap:
    """The postcode districts in degrees, and each postcode area's centre and size, for drawing."""

    latitude: np.ndarray
    longitude: np.ndarray
    areas: list[tuple[str, float, float, int]]  # (letters, latitude, longitude, districts), most districts first
    south: float
    north: float
    west: float
    east: float

    def holding(self, latitudes, longitudes) -> np.ndarray:
        """Which points are within a few miles of a UK postcode district's centre: a site abroad is listed but not
        drawn (Rouen is inside the box from Jersey to Lowestoft, and far from every district)."""
        lat = np.asarray(latitudes, dtype=np.float64)[:, None]
        lon = np.asarray(longitudes, dtype=np.float64)[:, None]
        if not len(self.latitude) or not len(lat):
            return np.zeros(len(lat), dtype=bool)
        dlat = self.latitude[None, :] - lat
        dlon = (self.longitude[None, :] - lon) * np.cos(np.radians(lat))
        nearest = np.min(dlat * dlat + dlon * dlon, axis=1)
        return np.sqrt(nearest) * MILES_PER_DEGREE_LATITUDE <= UK_REACH_MILES

    def holds(self, latitude: float, longitude: float) -> bool:
        return bool(self.holding([latitude], [longitude])[0])


def _build_basemap() -> Basemap:
    from .models import PostcodeDistrict

    rows = list(PostcodeDistrict.objects.values_list("outward_code", "latitude", "longitude"))
    latitude = np.array([row[1] for row in rows], dtype=np.float64)
    longitude = np.array([row[2] for row in rows], dtype=np.float64)
    grouped: dict[str, list[tuple[float, float]]] = {}
    for code, lat, lon in rows:
        grouped.setdefault(_area(code), []).append((lat, lon))
    areas = sorted(
        (
            (letters, sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points), len(points))
            for letters, points in grouped.items()
        ),
        key=lambda area: (-area[3], area[0]),
    )
    if not rows:
        return Basemap(latitude, longitude, [], 0.0, 0.0, 0.0, 0.0)
    return Basemap(latitude, longitude, areas, latitude.min(), latitude.max(), longitude.min(), longitude.max())


def _area(outward_code: str) -> str:
    """The postcode area: the letters before the first digit (LS1 -> LS, W1A -> W)."""
    letters = ""
    for character in outward_code:
        if character.isdigit():
            break
        letters += character
    return letters


def basemap() -> Basemap:
    """This process's districts for drawing, loaded again when the postcode districts change (signals.py)."""
    return versions.table(BASEMAP, [finder_table.VERSION], _build_basemap)


# ------------------------------------------------------------------------------------------------ what to draw


@dataclass
class MapTrial:
    title: str
    url: str


@dataclass
class Place:
    """One site where trials on the page take place: numbered nearest first, as on the map."""

    label: str
    latitude: float
    longitude: float
    miles: float
    on_map: bool
    trials: list[MapTrial] = field(default_factory=list)
    number: int = 0
    x: float = 0.0
    y: float = 0.0


def _miles(lat0: float, lon0: float, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    """Haversine miles from a point (radians) to many (radians), as finder_table.nearest measures them."""
    a = np.sin((lat - lat0) / 2) ** 2 + math.cos(lat0) * np.cos(lat) * np.sin((lon - lon0) / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def places(
    table: finder_table.Table, origin: Origin, items, trial_url, base: Basemap, counted: np.ndarray | None = None
) -> list[Place]:
    """The nearest site of each trial listed (items: the finder's results), one Place per hospital, nearest first.
    With `counted` (which placed sites the finder measured to: at UK sites, the UK ones), only those."""
    spans = []
    for item in items:
        indices = np.arange(int(table.site_start[item.position]), int(table.site_end[item.position]))
        if counted is not None:
            indices = indices[counted[indices]]
        if len(indices):
            spans.append((item, indices))
    if not spans:
        return []
    # Every site of the trials on the page, measured at once.
    sites = np.concatenate([indices for _, indices in spans])
    miles = _miles(
        math.radians(origin.latitude), math.radians(origin.longitude), table.site_lat[sites], table.site_lon[sites]
    )
    found: dict[tuple, Place] = {}
    offset = 0
    for item, indices in spans:
        nearest = offset + int(np.argmin(miles[offset : offset + len(indices)]))
        offset += len(indices)
        site = int(sites[nearest])
        latitude, longitude = math.degrees(table.site_lat[site]), math.degrees(table.site_lon[site])
        # Trials at the same hospital are one place (each trial has its own site record there).
        key = (table.site_labels[site], round(latitude, 3), round(longitude, 3))
        place = found.get(key)
        if place is None:
            label = table.site_labels[site] or "A site with no name"
            place = found[key] = Place(label, latitude, longitude, float(miles[nearest]), False)
        place.trials.append(MapTrial(item.trial.display_title, trial_url(item.trial)))
    ordered = sorted(found.values(), key=lambda place: (place.miles, place.label))
    on_map = base.holding([place.latitude for place in ordered], [place.longitude for place in ordered])
    for number, (place, inside) in enumerate(zip(ordered, on_map.tolist(), strict=True), start=1):
        place.number, place.on_map = number, inside
    return ordered


# ------------------------------------------------------------------------------------------------------- view


@dataclass
class View:
    """Degrees to view units: x = (lon - west) * kx, y = (north - lat) * ky."""

    west: float
    north: float
    kx: float
    ky: float
    width: float
    height: float

    def point(self, latitude, longitude):
        return (longitude - self.west) * self.kx, (self.north - latitude) * self.ky

    def miles(self, miles: float) -> float:
        """A distance in view units (north-south, which the projection keeps true)."""
        return miles / MILES_PER_DEGREE_LATITUDE * self.ky


def view_for(origin: Origin, shown: list[Place], within_miles: int | None, base: Basemap) -> View:
    """The smallest view around the postcode, the places on the map and the chosen distance, padded, no larger
    than the UK."""
    lats = [origin.latitude] + [p.latitude for p in shown]
    lons = [origin.longitude] + [p.longitude for p in shown]
    reach = max(MIN_HALF_SPAN_MILES, within_miles or 0)
    dlat = reach / MILES_PER_DEGREE_LATITUDE
    cos_lat = math.cos(math.radians(origin.latitude))
    dlon = dlat / max(cos_lat, 0.1)
    south, north = min(*lats, origin.latitude - dlat), max(*lats, origin.latitude + dlat)
    west, east = min(*lons, origin.longitude - dlon), max(*lons, origin.longitude + dlon)
    if base.north > base.south:  # no wider than the UK
        south, north = max(south, base.south - UK_MARGIN_DEGREES), min(north, base.north + UK_MARGIN_DEGREES)
        west, east = max(west, base.west - UK_MARGIN_DEGREES), min(east, base.east + UK_MARGIN_DEGREES)
    middle = math.cos(math.radians((south + north) / 2))
    # In "miles": the land's true shape.
    span_x, span_y = (east - west) * middle, north - south
    span_x, span_y = span_x * (1 + 2 * PADDING), span_y * (1 + 2 * PADDING)
    aspect = min(MAX_ASPECT, max(MIN_ASPECT, span_y / span_x))
    if span_y / span_x < aspect:
        span_y = span_x * aspect
    else:
        span_x = span_y / aspect
    centre_lat, centre_lon = (south + north) / 2, (west + east) / 2
    scale = WIDTH / span_x
    height = round(WIDTH * aspect)
    west_edge = centre_lon - span_x / 2 / middle
    north_edge = centre_lat + span_y / 2
    return View(west_edge, north_edge, scale * middle, scale, WIDTH, height)


def _scale_miles(view: View) -> int:
    """A round distance near a quarter of the map's width."""
    quarter = view.width / 4 / view.ky * MILES_PER_DEGREE_LATITUDE
    return max((step for step in SCALE_STEPS if step <= quarter), default=SCALE_STEPS[0])


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


# ------------------------------------------------------------------------------------------------------ drawing


def svg(origin: Origin, shown: list[Place], within_miles: int | None, base: Basemap, title: str, desc: str) -> str:
    view = view_for(origin, shown, within_miles, base)
    width, height = view.width, view.height
    parts = [
        f'<svg class="trial-map__svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="trial-map-title trial-map-desc" focusable="false">',
        f'<title id="trial-map-title">{escape(title)}</title>',
        f'<desc id="trial-map-desc">{escape(desc)}</desc>',
        f'<rect class="trial-map__sea" width="{width}" height="{height}"/>',
    ]
    # The land: every district centre in view, as one path of dots (a zero-length line with round ends).
    # Whole units are fine for dots 3 units wide, and where several fall on one unit, one is drawn.
    x = np.rint((base.longitude - view.west) * view.kx).astype(np.int64)
    y = np.rint((view.north - base.latitude) * view.ky).astype(np.int64)
    inside = (x >= -4) & (x <= width + 4) & (y >= -4) & (y <= height + 4)
    cells = np.unique((x[inside] + 8) * 4096 + (y[inside] + 8))
    dots = "".join(
        [f"M{px} {py}h0" for px, py in zip((cells // 4096 - 8).tolist(), (cells % 4096 - 8).tolist(), strict=True)]
    )
    if dots:
        parts.append(f'<path class="trial-map__land" d="{dots}"/>')
    ox, oy = view.point(origin.latitude, origin.longitude)
    if within_miles:
        parts.append(
            f'<circle class="trial-map__reach" cx="{ox:.1f}" cy="{oy:.1f}" r="{view.miles(within_miles):.1f}"/>'
        )
    for place in shown:
        place.x, place.y = view.point(place.latitude, place.longitude)
    # Postcode areas where they fit: the biggest first, clear of each other, the markers and the edges.
    taken = [(ox, oy)] + [(p.x, p.y) for p in shown]
    labels = 0
    for letters, lat, lon, _count in base.areas:
        if labels >= MAX_AREA_LABELS:
            break
        lx, ly = view.point(lat, lon)
        if not (20 <= lx <= width - 20 and 16 <= ly <= height - 30):
            continue
        if any(abs(lx - tx) < LABEL_SPACING and abs(ly - ty) < LABEL_SPACING * 0.6 for tx, ty in taken):
            continue
        taken.append((lx, ly))
        labels += 1
        parts.append(f'<text class="trial-map__area" x="{lx:.1f}" y="{ly:.1f}">{escape(letters)}</text>')
    # The postcode: a square, named.
    parts.append(f'<rect class="trial-map__origin" x="{ox - 7:.1f}" y="{oy - 7:.1f}" width="14" height="14"/>')
    anchor = "end" if ox > width - 90 else "start"
    tx = ox - 11 if anchor == "end" else ox + 11
    parts.append(
        f'<text class="trial-map__origin-label" x="{tx:.1f}" y="{oy - 9:.1f}" text-anchor="{anchor}">'
        f"{escape(origin.label)}</text>"
    )
    # The places: farthest drawn first, so the nearest is on top where markers overlap.
    for place in sorted(shown, key=lambda p: -p.number):
        parts.append(
            f'<g class="trial-map__place"><circle cx="{place.x:.1f}" cy="{place.y:.1f}" r="{MARKER_RADIUS}"/>'
            f'<text x="{place.x:.1f}" y="{place.y + 4.5:.1f}" text-anchor="middle">{place.number}</text></g>'
        )
    # The scale.
    miles = _scale_miles(view)
    length = view.miles(miles)
    parts.append(
        f'<g class="trial-map__scale"><path d="M12 {height - 12}v-6M12 {height - 12}h{length:.1f}v-6"/>'
        f'<text x="{16 + length:.1f}" y="{height - 12}">{miles} mile{"s" if miles != 1 else ""}</text></g>'
    )
    parts.append("</svg>")
    return "".join(parts)


def finder_map(finder) -> SafeString:
    """The map and its list for the finder's results (holes.py), or nothing without a postcode or results."""
    criteria = finder.criteria
    origin = criteria.origin
    items = finder.results.items
    if origin is None or not items:
        return SafeString("")
    base = basemap()
    link_query = f"?{finder.query_string}" if finder.query_string else ""  # escaped where it is written

    def trial_url(trial) -> str:
        return f"{finder.finder_url}{trial.registry_id}/{link_query}"

    counted = services.counted_sites(finder.table, criteria)  # the sites the results were measured to
    found = places(finder.table, origin, items, trial_url, base, counted)
    if not found:
        return SafeString("")
    shown = [place for place in found if place.on_map]
    count = len(shown)
    title = f"Map of where the trials on this page take place, around {origin.label}"
    if count:
        desc = (
            f"{count} place{'s' if count != 1 else ''} shown as numbered circles, nearest first, and {origin.label} as "
            "a black square. The list beside the map names the same places with the same numbers."
        )
    else:
        desc = f"{origin.label} as a black square. None of the places is in the UK: the list names them."
    if criteria.within_miles:
        desc += f" The dashed circle is {criteria.within_miles} miles from {origin.label}."
    drawing = svg(origin, shown, criteria.within_miles, base, title, desc)
    return SafeString(section_html(drawing, found, origin, criteria.within_miles))


def section_html(drawing: str, found: list[Place], origin: Origin, within_miles: int | None) -> str:
    """The map, its key and the list beside it, written directly (as holes.py writes the finder's fields): the
    finder shows it on every search from a postcode. Every word from the data is escaped."""
    items = []
    for place in found:
        abroad = "" if place.on_map else ' <span class="trial-map__abroad">(outside the UK: not on the map)</span>'
        trials = "".join(f'<li><a href="{escape(t.url)}">{escape(t.title)}</a></li>' for t in place.trials)
        items.append(
            f'<li class="trial-map__place-item" value="{place.number}">\n'
            f"<p><strong>{escape(place.label)}</strong>, {_number(place.miles)} miles{abroad}</p>\n"
            f"<ul>{trials}</ul>\n</li>"
        )
    label = escape(origin.label)
    reach = (
        f' <span class="trial-map__key-reach" aria-hidden="true"></span> {within_miles} miles' if within_miles else ""
    )
    return (
        '<section class="trial-map" aria-labelledby="trial-map-heading">\n'
        '<h3 class="trial-map__title" id="trial-map-heading">Where the trials on this page take place</h3>\n'
        '<div class="trial-map__body">\n<figure class="trial-map__figure">\n'
        f"{drawing}\n"
        f'<figcaption class="trial-map__key"><span class="trial-map__key-origin" aria-hidden="true"></span> {label}'
        f"{reach}. Grey dots: the centres of postcode districts.</figcaption>\n</figure>\n"
        f'<ol class="trial-map__places">\n{"".join(items)}\n</ol>\n</div>\n'
        f'<p class="trial-map__note">Each trial is shown at its nearest site to {label}, measured in a straight line. '
        "The map is drawn from our own postcode data: it uses no map service and does not track you.</p>\n"
        "</section>\n"
    )
