"""Filtering the support directory, and finding it from a booklet's "Who can help" section."""

from django.core.cache import cache
from django.db.models import Q, QuerySet

from cancerinfo.taxonomy.models import CancerType, Topic

from .models import Organisation, Region, SupportDirectoryPage

WHO_CAN_HELP_SLUG = "who-can-help"
WHO_CAN_HELP_TOPIC = "practical-and-money"
DIRECTORY_URL_CACHE_KEY = "organisations:directory-url:v1"


def organisations(region: str = "", cancer_type: CancerType | None = None, topic: Topic | None = None) -> QuerySet:
    """Live organisations that help in `region` (UK-wide ones help everywhere), with `cancer_type` and `topic`."""
    found = Organisation.objects.filter(live=True)
    if region and region != Region.UK:
        found = found.filter(region__in=[region, Region.UK])
    if cancer_type is not None:
        # Organisations with no cancer type help with any cancer.
        found = found.filter(Q(cancer_types=cancer_type) | Q(cancer_types__isnull=True))
    if topic is not None:
        found = found.filter(topics=topic)
    return found.distinct().prefetch_related("cancer_types", "topics")


def directory(params) -> dict:
    """Read the filters from the query string (unknown values are ignored, never an error) and list the matches."""
    region = params.get("region", "")
    if region not in Region.values:
        region = ""
    cancer_types = list(CancerType.objects.filter(organisations__live=True).distinct())
    topics = list(Topic.objects.filter(organisations__live=True).distinct())
    cancer_type = next((c for c in cancer_types if c.slug == params.get("cancer_type")), None)
    topic = next((t for t in topics if t.slug == params.get("topic")), None)
    results = list(organisations(region, cancer_type, topic))
    return {
        "organisations": results,
        "regions": Region.choices,
        "cancer_type_options": cancer_types,
        "topic_options": topics,
        "selected": {
            "region": region,
            "cancer_type": cancer_type.slug if cancer_type else "",
            "topic": topic.slug if topic else "",
        },
        "filtered": bool(region or cancer_type or topic),
    }


def directory_url() -> str | None:
    url = cache.get(DIRECTORY_URL_CACHE_KEY)
    if url is None:
        page = SupportDirectoryPage.objects.live().first()
        url = page.url if page else ""
        cache.set(DIRECTORY_URL_CACHE_KEY, url, 60 * 60)
    return url or None


def wants_who_can_help_link(section) -> bool:
    if section is None:
        return False
    if getattr(section, "slug", "") == WHO_CAN_HELP_SLUG:
        return True
    topics = getattr(section, "topics", None)
    return bool(topics is not None and section.pk and topics.filter(slug=WHO_CAN_HELP_TOPIC).exists())
