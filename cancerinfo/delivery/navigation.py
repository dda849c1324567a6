"""The header navigation, built once from site settings and cached until something is published."""

from django.core.cache import cache

from cancerinfo.core.services import ListedItem, links_from_stream

from . import versions

# A version token (delivery/versions.py), where eviction cannot lose it and read with the request's other tokens.
VERSION = "navigation"


def navigation_version() -> str:
    return versions.get(VERSION)


def invalidate_navigation() -> None:
    versions.bump(VERSION)


def site_navigation(site_settings) -> dict[str, list[ListedItem]]:
    key = f"navigation:{site_settings.site_id}:{navigation_version()}"
    navigation = cache.get(key)
    if navigation is None:
        # Plain links: the pages the settings' streams already read are enough (no query per page for a summary).
        navigation = {
            "primary": links_from_stream(site_settings.primary_navigation, summaries=False),
            "cancer_information": links_from_stream(site_settings.cancer_information_navigation, summaries=False),
            "footer": links_from_stream(site_settings.footer_navigation, summaries=False),
            "actions": links_from_stream(site_settings.header_actions, summaries=False),
        }
        cache.set(key, navigation, 60 * 60)
    return navigation
