"""Jobs the tests queue (importable by path, as the worker imports every job)."""

from cancerinfo.jobs.registry import PermanentError, current_attempt, job

CALLS: list[tuple[str, int]] = []


@job(retries=2, backoff=30, max_backoff=60)
def flaky(name: str, failures: int) -> str:
    """Fail the first `failures` attempts"""
    attempt, _most = current_attempt()
    CALLS.append((name, attempt))
    if attempt <= failures:
        raise ConnectionError(f"attempt {attempt} failed")
    return f"done on attempt {attempt}"


@job(retries=5)
def hopeless() -> None:
    """Fail for good"""
    raise PermanentError("no such record")
