"""Partners' scheduled jobs: moving the keys' daily usage from the cache to the database, and deleting the contact
details of keys revoked long ago."""

from cancerinfo.jobs.registry import job
from cancerinfo.jobs.schedules import daily, every


@job(schedule=every(minutes=10), description="Write the API keys' request counts from the cache to the database")
def flush_api_key_usage() -> int:
    """Record API key usage"""
    from .usage import flush

    return flush()


@job(schedule=daily(at="03:10"), description="Delete the contact details of API keys revoked long ago")
def purge_revoked_key_contacts() -> int:
    """Purge revoked API keys' contacts"""
    from .retention import purge_contacts

    return purge_contacts()
