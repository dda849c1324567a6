"""Trial alerts: sign up (double opt-in), confirm, unsubscribe, find the trials that opened near each alert and tell
the person once about each, and delete alerts past their time.

A trial matches an alert when it is recruiting, about the alert's cancer type, its registry record is recent enough
for its status to be believed, and one of its sites that is not closed lies within TRIAL_ALERTS_MILES of the centre
of the alert's postcode district. When the person confirms, the trials that match already are noted as known: each
alert e-mail is about trials that opened (or reached us) after they asked, never the same trial twice.
"""

import datetime
import logging
import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode

import numpy as np
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from cancerinfo.deployment import crypto

from . import mail
from .models import KnownTrial, TrialAlert

logger = logging.getLogger(__name__)

EARTH_RADIUS_MILES = 3958.8
MAX_TRIALS_IN_ONE_EMAIL = 10


# Signing up, confirming, unsubscribing.


def subscribe(email: str, district: str, cancer_type, confirm_url, unsubscribe_url) -> TrialAlert:
    """Keep the request and send the confirmation e-mail. Asking again for the same alert sends the link again to an
    unconfirmed one and nothing to a confirmed one; the page the person sees is the same either way, so it tells
    nobody whether an address has an alert."""
    email = email.strip()
    alert = TrialAlert.objects.filter(
        email_hash=crypto.lookup_hash(email), district=district, cancer_type=cancer_type
    ).first()
    if alert is not None and alert.is_confirmed:
        return alert
    if alert is None:
        try:
            with transaction.atomic():
                alert = TrialAlert.objects.create(email=email, district=district, cancer_type=cancer_type)
        except IntegrityError:  # the same request twice at once: the first one stands
            return TrialAlert.objects.get(
                email_hash=crypto.lookup_hash(email), district=district, cancer_type=cancer_type
            )
    mail.send_confirmation(alert, confirm_url(alert.token), unsubscribe_url(alert.token), confirm_by(alert))
    return alert


def confirm_by(alert: TrialAlert) -> datetime.datetime:
    return alert.created_at + datetime.timedelta(days=settings.TRIAL_ALERTS_CONFIRM_DAYS)


def expires_on(alert: TrialAlert) -> datetime.date | None:
    if alert.confirmed_at is None:
        return None
    return (alert.confirmed_at + datetime.timedelta(days=settings.TRIAL_ALERTS_RETENTION_DAYS)).date()


TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


def alert_for_token(token: str) -> TrialAlert | None:
    """The alert a link is for, or None when there is none (unsubscribed, deleted, or never confirmed in time)."""
    if not TOKEN.fullmatch(token or ""):  # what new_token makes; anything else (a NUL byte...) never reaches SQL
        return None
    alert = TrialAlert.objects.select_related("cancer_type").filter(token=token).first()
    if alert is None or (not alert.is_confirmed and confirm_by(alert) <= timezone.now()):
        return None
    return alert


def confirm(alert: TrialAlert) -> int:
    """Start the alert. The trials that match now are noted as known (the finder shows them): returns how many."""
    with transaction.atomic():
        locked = TrialAlert.objects.select_for_update().get(pk=alert.pk)
        if locked.is_confirmed:
            return locked.known_trials.count()
        locked.confirmed_at = timezone.now()
        locked.save(update_fields=["confirmed_at"])
        alert.confirmed_at = locked.confirmed_at
        matches = Matcher.load([locked]).matches(locked)
        KnownTrial.objects.bulk_create([KnownTrial(alert=locked, trial_id=trial_id) for trial_id in matches])
        return len(matches)


def unsubscribe(alert: TrialAlert) -> None:
    """Delete the alert and everything kept with it."""
    TrialAlert.objects.filter(pk=alert.pk).delete()


def purge_expired(now: datetime.datetime | None = None) -> dict[str, int]:
    """Delete alerts never confirmed in time, and confirmed ones past their retention period."""
    now = now or timezone.now()
    unconfirmed = TrialAlert.objects.filter(
        confirmed_at__isnull=True, created_at__lte=now - datetime.timedelta(days=settings.TRIAL_ALERTS_CONFIRM_DAYS)
    ).delete()[1]
    expired = TrialAlert.objects.filter(
        confirmed_at__lte=now - datetime.timedelta(days=settings.TRIAL_ALERTS_RETENTION_DAYS)
    ).delete()[1]
    return {
        "unconfirmed": unconfirmed.get("trialalerts.TrialAlert", 0),
        "expired": expired.get("trialalerts.TrialAlert", 0),
    }


# Matching.


def status_believed_since() -> datetime.date:
    """Registry records older than this no longer vouch for "recruiting" (issue 22, "honest status": the finder's
    TRIALS_STATUS_CONFIRMED_MONTHS, 12 months by default). Once trials/freshness.py is on main, its cutoff() through
    the trials interface can replace this, to the day."""
    months = int(getattr(settings, "TRIALS_STATUS_CONFIRMED_MONTHS", 12))
    return timezone.localdate() - datetime.timedelta(days=round(months * 30.44))


@dataclass
class NearbyTrial:
    trial_id: int
    miles: float
    site_name: str

    @property
    def distance(self) -> str:
        whole = round(self.miles)
        if whole < 1:
            return "less than a mile"
        return f"about {whole} mile{'s' if whole != 1 else ''}"


@dataclass
class Matcher:
    """The recruiting trials of the cancer types some alerts ask about, their open sites, and the districts' centres:
    loaded in a few queries, then matched in memory (NumPy over every site at once)."""

    trials_by_type: dict[int, set[int]]
    site_trials: np.ndarray
    site_lat: np.ndarray
    site_lon: np.ndarray
    site_names: list[str]
    districts: dict[str, tuple[float, float]]
    _type_sites: dict[int, np.ndarray] = field(default_factory=dict)
    _nearest: dict[tuple[str, int], tuple[np.ndarray, np.ndarray, np.ndarray]] = field(default_factory=dict)

    @classmethod
    def load(cls, alerts) -> "Matcher":
        from cancerinfo.trials.interface import PostcodeDistrict, Status, Trial, TrialSite

        type_ids = {alert.cancer_type_id for alert in alerts}
        codes = {alert.district for alert in alerts}
        through = Trial.cancer_types.through
        rows = through.objects.filter(
            cancertype_id__in=type_ids,
            trial__status=Status.RECRUITING,
            trial__is_cancer_trial__in=[True],
            trial__last_updated__gte=status_believed_since(),
        ).values_list("trial_id", "cancertype_id")
        trials_by_type: dict[int, set[int]] = defaultdict(set)
        for trial_id, type_id in rows:
            trials_by_type[type_id].add(trial_id)
        closed = [status for status in Status.values if status != Status.RECRUITING]
        sites = (
            list(
                # The same trials as a subquery: thousands of ids would pass SQLite's limit on query parameters.
                TrialSite.objects.filter(
                    trial_id__in=rows.values("trial_id"), latitude__isnull=False, longitude__isnull=False
                )
                .exclude(recruiting_status__in=closed)
                .values_list("trial_id", "latitude", "longitude", "name")
            )
            if trials_by_type
            else []
        )
        districts = {
            code: (lat, lon)
            for code, lat, lon in PostcodeDistrict.objects.filter(outward_code__in=codes).values_list(
                "outward_code", "latitude", "longitude"
            )
        }
        return cls(
            trials_by_type=dict(trials_by_type),
            site_trials=np.array([row[0] for row in sites], dtype=np.int64),
            site_lat=np.radians(np.array([row[1] for row in sites], dtype=float)),
            site_lon=np.radians(np.array([row[2] for row in sites], dtype=float)),
            site_names=[row[3] for row in sites],
            districts=districts,
        )

    def nearest(self, district: str, type_id: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(trial ids, miles, site indexes): the trials of a cancer type with an open site within TRIAL_ALERTS_MILES
        of the district's centre, each once, at its nearest site. All in NumPy; kept per district and type."""
        key = (district, type_id)
        if key in self._nearest:
            return self._nearest[key]
        empty = (np.array([], dtype=np.int64), np.array([], dtype=float), np.array([], dtype=np.int64))
        centre = self.districts.get(district)
        wanted = self.trials_by_type.get(type_id)
        if centre is None or not wanted or not len(self.site_trials):
            self._nearest[key] = empty
            return empty
        if type_id not in self._type_sites:
            ids = np.fromiter(wanted, dtype=np.int64, count=len(wanted))
            self._type_sites[type_id] = np.nonzero(np.isin(self.site_trials, ids))[0]
        sites = self._type_sites[type_id]
        lat, lon = np.radians(centre[0]), np.radians(centre[1])
        site_lat, site_lon = self.site_lat[sites], self.site_lon[sites]
        a = np.sin((site_lat - lat) / 2) ** 2 + np.cos(lat) * np.cos(site_lat) * np.sin((site_lon - lon) / 2) ** 2
        miles = 2 * EARTH_RADIUS_MILES * np.arcsin(np.sqrt(np.minimum(1.0, a)))
        keep = miles <= settings.TRIAL_ALERTS_MILES
        trials, miles, sites = self.site_trials[sites][keep], miles[keep], sites[keep]
        order = np.lexsort((miles, trials))  # by trial, nearest site first
        trials, miles, sites = trials[order], miles[order], sites[order]
        first = np.unique(trials, return_index=True)[1]
        self._nearest[key] = (trials[first], miles[first], sites[first])
        return self._nearest[key]

    def matches(self, alert: TrialAlert, known: set[int] | frozenset = frozenset()) -> dict[int, NearbyTrial]:
        """The trials near the alert, less those it knows, each at its nearest open site."""
        trials, miles, sites = self.nearest(alert.district, alert.cancer_type_id)
        if known and len(trials):
            fresh = ~np.isin(trials, np.fromiter(known, dtype=np.int64, count=len(known)))
            trials, miles, sites = trials[fresh], miles[fresh], sites[fresh]
        return {
            int(trial): NearbyTrial(int(trial), float(distance), self.site_names[int(site)])
            for trial, distance, site in zip(trials, miles, sites, strict=True)
        }


def finder_search_url(alert: TrialAlert, finder_url: str) -> str:
    """The finder, showing what this alert watches."""
    query = {"cancer": alert.cancer_type.slug, "postcode": alert.district, "distance": settings.TRIAL_ALERTS_MILES}
    return f"{finder_url}?{urlencode(query)}"


# Sending.


@dataclass
class SendReport:
    alerts: int = 0
    emails: int = 0
    trials: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"alerts checked": self.alerts, "e-mails sent": self.emails, "trials told about": self.trials}


def _site_root() -> str:
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def unsubscribe_path(token: str) -> str:
    return reverse("trialalerts:unsubscribe", args=[token])


def send_alerts() -> SendReport:
    """One e-mail to each confirmed alert with trials that opened near it since it was last told, naming them.

    Safe to run again and at once on two workers: each trial is told about once per alert (a unique row, written
    in the same transaction as the queued e-mail, whose Message-ID names the alert and the trials)."""
    from cancerinfo.trials.interface import Trial, TrialFinderPage

    report = SendReport()
    alerts = list(TrialAlert.objects.filter(confirmed_at__isnull=False).select_related("cancer_type"))
    report.alerts = len(alerts)
    if not alerts:
        return report
    matcher = Matcher.load(alerts)
    known: dict[int, set[int]] = defaultdict(set)
    for alert_id, trial_id in KnownTrial.objects.filter(alert__confirmed_at__isnull=False).values_list(
        "alert_id", "trial_id"
    ):
        known[alert_id].add(trial_id)
    news = {}
    for alert in alerts:
        new = matcher.matches(alert, known.get(alert.pk, frozenset()))
        if new:
            news[alert] = new
    if not news:
        return report
    finder = TrialFinderPage.objects.live().first()
    finder_url = (finder.get_full_url() if finder else None) or f"{_site_root()}/clinical-trials/"
    root = _site_root()
    wanted = {trial_id for new in news.values() for trial_id in new}
    trials = Trial.objects.only("registry_id", "title", "plain_title").in_bulk(wanted)
    for alert, new in news.items():
        nearest = sorted(new.values(), key=lambda near: (near.miles, near.trial_id))
        items = [(trials[near.trial_id], near) for near in nearest if near.trial_id in trials]
        if not items:
            continue
        try:
            with transaction.atomic():
                now = timezone.now()
                KnownTrial.objects.bulk_create(
                    [KnownTrial(alert=alert, trial_id=trial.pk, alerted_at=now) for trial, _ in items]
                )
                mail.send_alert(
                    alert,
                    [
                        (trial, near, f"{finder_url}{trial.registry_id}/?{urlencode({'postcode': alert.district})}")
                        for trial, near in items[:MAX_TRIALS_IN_ONE_EMAIL]
                    ],
                    more=max(0, len(items) - MAX_TRIALS_IN_ONE_EMAIL),
                    finder_url=finder_search_url(alert, finder_url),
                    unsubscribe_url=f"{root}{unsubscribe_path(alert.token)}",
                    expires=expires_on(alert),
                )
                TrialAlert.objects.filter(pk=alert.pk).update(last_sent_at=now, alerts_sent=F("alerts_sent") + 1)
        except IntegrityError:
            logger.info("Trial alert %s: another worker has told about these trials", alert.pk)
            continue
        report.emails += 1
        report.trials += len(items)
    return report
