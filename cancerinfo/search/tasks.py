"""Search's scheduled job: write the buffered query counts to the database."""

from cancerinfo.jobs.registry import job
from cancerinfo.jobs.schedules import every


@job(schedule=every(minutes=5), description="Write the search counts buffered in the cache to the database")
def flush_search_log() -> int:
    """Flush the search log"""
    from . import querylog

    return querylog.flush()
