"""`make audit`: which locked runtime packages are outdated, and which have known vulnerabilities.

Outdated packages come from the package index pip uses; vulnerabilities from pip-audit's advisory source
(PyPI's vulnerability data by default, AUDIT_SERVICE=osv for OSV). When a source cannot be reached the audit says so
plainly instead of reporting "no known vulnerabilities" for packages it never checked.
Exit status: 1 when a locked package has a known vulnerability, 0 otherwise (also when a source was unreachable).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RUNTIME_LOCKS = [ROOT / "requirements.lock", ROOT / "requirements-nodeps.txt"]
TIMEOUT_SECONDS = int(os.environ.get("AUDIT_TIMEOUT_SECONDS", "300"))


def normalise(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


def locked_pins(paths: list[Path]) -> dict[str, str]:
    """Package name -> pinned version, from lock files of `name==version` lines."""
    pins = {}
    for path in paths:
        for line in path.read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            if "==" in line:
                name, version = line.split("==", 1)
                pins[normalise(name)] = version.strip()
    return pins


def run(command: list[str]) -> subprocess.CompletedProcess | None:
    try:
        # Our own fixed commands (pip, pip-audit with this interpreter), never input.
        return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, cwd=ROOT)  # noqa: S603
    except subprocess.TimeoutExpired:
        return None


def outdated_report(pip_list_json: str, pins: dict[str, str]) -> list[str]:
    """Lines for the locked packages a newer release exists for."""
    lines = []
    for package in sorted(json.loads(pip_list_json), key=lambda p: normalise(p["name"])):
        name = normalise(package["name"])
        if name in pins:
            lines.append(f"  {package['name']:<28} locked {pins[name]:<14} newest {package['latest_version']}")
    return lines


def vulnerability_report(pip_audit_json: str) -> tuple[list[str], int, int]:
    """(lines for vulnerable packages, number vulnerable, number the source could not check)."""
    dependencies = json.loads(pip_audit_json)["dependencies"]
    lines, vulnerable, unchecked = [], 0, 0
    for dependency in dependencies:
        if dependency.get("skip_reason"):
            unchecked += 1
            continue
        for vulnerability in dependency.get("vulns", []):
            fixed = ", ".join(vulnerability.get("fix_versions") or []) or "no fixed release yet"
            lines.append(f"  {dependency['name']} {dependency['version']}: {vulnerability['id']} (fixed in {fixed})")
        vulnerable += bool(dependency.get("vulns"))
    return lines, vulnerable, unchecked


def check_outdated(pins: dict[str, str]) -> None:
    print("== Outdated locked packages (from the package index)")
    result = run([sys.executable, "-m", "pip", "list", "--outdated", "--format=json"])
    if result is None or result.returncode != 0:
        print("  Could not reach the package index: outdated packages not listed.")
        return
    lines = outdated_report(result.stdout, pins)
    print("\n".join(lines) if lines else "  None: every locked package is the newest release.")


def check_vulnerabilities() -> int:
    service = os.environ.get("AUDIT_SERVICE", "pypi")
    print(f"== Known vulnerabilities in the runtime locks (pip-audit, advisory source: {service})")
    try:
        import pip_audit  # noqa: F401
    except ImportError:
        print("  pip-audit is not installed (make venv installs it): vulnerabilities not checked.")
        return 0
    command = [sys.executable, "-m", "pip_audit", "--no-deps", "--disable-pip", "--progress-spinner", "off"]
    command += ["-s", service, "-f", "json"]
    for path in RUNTIME_LOCKS:
        command += ["-r", str(path)]
    result = run(command)
    try:
        lines, vulnerable, unchecked = vulnerability_report(result.stdout if result else "")
    except (ValueError, KeyError):
        print(f"  Could not reach the advisory source ({service}): vulnerabilities not checked.")
        return 0
    checked = len(locked_pins(RUNTIME_LOCKS)) - unchecked
    if checked <= 0:
        print(f"  Could not reach the advisory source ({service}): none of the {unchecked} packages was checked.")
        return 0
    print("\n".join(lines) if lines else f"  None known in the {checked} packages checked.")
    if unchecked:
        print(f"  {unchecked} packages could not be checked (not found at the advisory source).")
    return 1 if vulnerable else 0


def main() -> int:
    check_outdated(locked_pins(RUNTIME_LOCKS))
    return check_vulnerabilities()


if __name__ == "__main__":
    sys.exit(main())
