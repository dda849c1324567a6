"""Production installs only what the site runs on; development adds its tools on top, from a lock of its own."""

import importlib.metadata
import importlib.util
import json
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[3]
TEST_TOOLS = {"pytest", "pytest-django", "pytest-xdist", "playwright", "faker", "factory-boy", "ruff", "pip-audit"}


def pins(path: Path) -> dict[str, str]:
    result = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            result[canonicalize_name(name)] = version
    return result


def needed_by(requirements: list[str]) -> set[str]:
    """Every distribution the requirements pull in, read from the installed packages' own metadata."""
    seen, stack = set(), [Requirement(r) for r in requirements]
    while stack:
        requirement = stack.pop()
        key = (canonicalize_name(requirement.name), frozenset(requirement.extras))
        if key in seen:
            continue
        seen.add(key)
        for raw in importlib.metadata.distribution(requirement.name).requires or []:
            dependency = Requirement(raw)
            extras = [""] + sorted(requirement.extras)
            if dependency.marker is None or any(dependency.marker.evaluate({"extra": e}) for e in extras):
                stack.append(dependency)
    return {name for name, _ in seen}


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_the_runtime_lock_has_no_test_or_lint_tools():
    assert TEST_TOOLS.isdisjoint(pins(ROOT / "requirements.lock"))


def test_the_runtime_lock_pins_exactly_what_the_runtime_dependencies_need():
    runtime = needed_by(project()["dependencies"])
    assert set(pins(ROOT / "requirements.lock")) == runtime


def test_the_dev_lock_adds_the_dev_extra_on_top_of_the_runtime_lock():
    dev_lock = ROOT / "requirements-dev.lock"
    assert "-r requirements.lock" in dev_lock.read_text().splitlines()
    runtime = needed_by(project()["dependencies"])
    dev_only = needed_by(project()["dependencies"] + project()["optional-dependencies"]["dev"]) - runtime - {"pip"}
    assert set(pins(dev_lock)) == dev_only
    assert TEST_TOOLS <= dev_only


def test_every_pin_is_the_version_installed_and_tested():
    locked = pins(ROOT / "requirements.lock") | pins(ROOT / "requirements-dev.lock")
    installed = {name: importlib.metadata.version(name) for name in locked}
    assert locked == installed


def _audit_module():
    spec = importlib.util.spec_from_file_location("audit", ROOT / "deploy" / "audit.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_audit_lists_outdated_locked_packages_only():
    audit = _audit_module()
    index = json.dumps(
        [
            {"name": "Django", "version": "5.2.1", "latest_version": "5.2.9"},
            {"name": "some-tool-not-locked", "version": "1.0", "latest_version": "2.0"},
        ]
    )
    lines = audit.outdated_report(index, {"django": "5.2.1"})
    assert len(lines) == 1
    assert "Django" in lines[0] and "5.2.1" in lines[0] and "5.2.9" in lines[0]


def test_audit_names_vulnerabilities_and_counts_what_it_could_not_check():
    audit = _audit_module()
    report = {
        "dependencies": [
            {"name": "django", "version": "5.2.1", "vulns": [{"id": "PYSEC-1", "fix_versions": ["5.2.2"]}]},
            {"name": "wagtail", "version": "8.0.1", "vulns": []},
            {"name": "private-thing", "skip_reason": "Dependency not found on PyPI and could not be audited"},
        ]
    }
    lines, vulnerable, unchecked = audit.vulnerability_report(json.dumps(report))
    assert vulnerable == 1 and unchecked == 1
    assert lines == ["  django 5.2.1: PYSEC-1 (fixed in 5.2.2)"]


def test_audit_says_it_could_not_reach_the_advisory_source_rather_than_all_clear(monkeypatch, capsys):
    audit = _audit_module()
    locked = audit.locked_pins(audit.RUNTIME_LOCKS)
    unreachable = {"dependencies": [{"name": name, "skip_reason": "not found"} for name in locked]}

    class Result:
        returncode = 0
        stdout = json.dumps(unreachable)

    monkeypatch.setattr(audit, "run", lambda command: Result)
    assert audit.check_vulnerabilities() == 0
    out = capsys.readouterr().out
    assert "Could not reach the advisory source" in out
    assert "None known" not in out

    monkeypatch.setattr(audit, "run", lambda command: None)  # timed out: no network at all
    assert audit.check_vulnerabilities() == 0
    assert "Could not reach the advisory source" in capsys.readouterr().out
