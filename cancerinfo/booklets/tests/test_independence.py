"""The booklets app composes pages without the apps whose boxes they show: none of its modules imports them, and
none of its templates loads their tag libraries or includes their templates. Those apps register their boxes
(core/boxes.py); a booklet template shows them with {% page_boxes %}."""

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.template import engines

BOOKLETS = Path(apps.get_app_config("booklets").path)
FEATURE_APPS = ["questions", "trials", "organisations", "publications", "prescriptions", "governance"]
FORBIDDEN_PACKAGES = [apps.get_app_config(label).name for label in FEATURE_APPS]

LOAD = re.compile(r"{%\s*load\s+(.+?)\s*%}")
INCLUDE = re.compile(r"""{%\s*(?:include|extends)\s+["']([^"']+)["']""")


def booklet_modules() -> list[Path]:
    """Every module of the app but its tests, which build whole pages with the boxes on them."""
    return sorted(path for path in BOOKLETS.rglob("*.py") if "tests" not in path.relative_to(BOOKLETS).parts)


def booklet_templates() -> list[Path]:
    return sorted(path for path in (BOOKLETS / "templates").rglob("*") if path.is_file())


def module_name(path: Path) -> str:
    parts = list(path.relative_to(BOOKLETS.parent.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def is_forbidden(name: str) -> bool:
    return any(name == package or name.startswith(package + ".") for package in FORBIDDEN_PACKAGES)


def package_name(path: Path) -> str:
    return ".".join(path.parent.relative_to(BOOKLETS.parent.parent).parts)


def forbidden_imports(source: str, package: str) -> list[str]:
    """The modules of those apps that `source` (a module of `package`) imports, at the top or inside a function,
    absolutely or relatively, or names as a dotted path in a string (importlib.import_module, import_string)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0]
                base = f"{anchor}.{base}" if base else anchor
            names = [base] + [f"{base}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("cancerinfo."):
            names = [node.value]
        found += [name for name in names if is_forbidden(name)]
    return sorted(set(found))


def tag_library_apps() -> dict[str, str]:
    """Each tag library name the template engine knows -> the module that defines it, read from the installed
    apps' templatetags folders (and any libraries named in settings), not from a list of today's names."""
    return dict(engines["django"].engine.libraries)


def forbidden_template_uses(source: str) -> list[str]:
    libraries = tag_library_apps()
    found = []
    for match in LOAD.finditer(source):
        words = match.group(1).split()
        names = words[words.index("from") + 1 :] if "from" in words else words
        found += [f"load {name}" for name in names if is_forbidden(libraries.get(name, ""))]
    for match in INCLUDE.finditer(source):
        folder = match.group(1).split("/", 1)[0]
        if folder in FEATURE_APPS:
            found.append(f"include {match.group(1)}")
    return found


def test_the_checks_read_every_module_and_template_of_the_app():
    modules = {module_name(path) for path in booklet_modules()}
    assert {"cancerinfo.booklets.models", "cancerinfo.booklets.services"} <= modules
    assert "cancerinfo.booklets.templatetags.booklet_tags" in modules
    templates = {path.name for path in booklet_templates()}
    assert {"booklet_page.html", "booklet_section_page.html", "booklet_whole.html"} <= templates


@pytest.mark.parametrize("path", booklet_modules(), ids=lambda path: str(path.relative_to(BOOKLETS)))
def test_no_booklets_module_imports_the_apps_whose_boxes_it_shows(path):
    assert forbidden_imports(path.read_text(), package_name(path)) == []


@pytest.mark.parametrize("path", booklet_templates(), ids=lambda path: str(path.relative_to(BOOKLETS)))
def test_no_booklet_template_loads_their_tag_libraries_or_includes_their_templates(path):
    assert forbidden_template_uses(path.read_text()) == []


@pytest.mark.parametrize(
    "source",
    [
        "from cancerinfo.trials import services",
        "import cancerinfo.questions.models",
        "def box():\n    from cancerinfo.governance.templatetags import governance_tags",
        "from ..organisations.services import directory_url",
        "from ..publications.templatetags.publication_tags import order_or_download_link",
        "import_module('cancerinfo.prescriptions.models')",
    ],
)
def test_the_import_check_finds_an_import_of_one_of_those_apps(source):
    assert forbidden_imports(source, "cancerinfo.booklets") != []


def test_the_import_check_lets_the_content_base_through():
    source = "from cancerinfo.core import boxes\nfrom cancerinfo.taxonomy.models import Topic\nfrom . import services"
    assert forbidden_imports(source, "cancerinfo.booklets") == []


def test_the_template_check_maps_every_feature_apps_tag_library_to_its_app():
    libraries = tag_library_apps()
    feature_libraries = {name for name, module in libraries.items() if is_forbidden(module)}
    # Today's libraries are found from the apps' folders; a new one would be found the same way.
    assert {"question_tags", "publication_tags", "governance_tags"} <= feature_libraries
    for name in feature_libraries:
        assert forbidden_template_uses(f"{{% load {name} %}}") == [f"load {name}"]
        assert forbidden_template_uses(f"{{% load some_tag from {name} %}}") == [f"load {name}"]
    assert forbidden_template_uses('{% include "trials/booklet_trials_box.html" %}') != []
    assert forbidden_template_uses("{% load wagtailcore_tags boxes booklet_tags %}") == []
