"""docs/deployment.md lists every variable a deployment can set: read from the settings' own source, not a list."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SOURCES = [*sorted((ROOT / "cancerinfo" / "settings").glob("*.py")), ROOT / "deploy" / "gunicorn.conf.py"]
READ = re.compile(
    r"""(?:env_(?:str|int|bool|list)\(|os\.environ\.get\(|os\.environ\.setdefault\()\s*["']([A-Z][A-Z0-9_]+)["']"""
)
NOT_FOR_DEPLOYMENTS = {"TEST_REDIS_DB_BASE", "PYTEST_XDIST_WORKER"}  # the test settings' own


def variables_read() -> set[str]:
    found = set()
    for path in SOURCES:
        found |= set(READ.findall(path.read_text()))
    return found - NOT_FOR_DEPLOYMENTS


def test_the_settings_read_variables_at_all():
    assert {"SECRET_KEY", "EMAIL_HOST", "ENQUIRY_ENCRYPTION_KEY", "GUNICORN_BIND"} <= variables_read()


def test_every_variable_the_settings_read_is_in_the_deployment_guide():
    guide = (ROOT / "docs" / "deployment.md").read_text()
    missing = sorted(name for name in variables_read() if f"`{name}`" not in guide)
    assert not missing, f"Add these to 'Every setting' in docs/deployment.md: {missing}"
