"""Each feature app's interface.py (the only module other apps may import, pyproject.toml's contracts) loads and
offers every name it declares: a name dropped from the app must be dropped from its interface in the same change."""

import importlib
import pkgutil

import pytest

import cancerinfo

INTERFACES = sorted(
    f"cancerinfo.{app.name}.interface"
    for app in pkgutil.iter_modules(cancerinfo.__path__)
    if app.ispkg and importlib.util.find_spec(f"cancerinfo.{app.name}.interface") is not None
)


def test_the_apps_that_other_apps_use_declare_an_interface():
    assert {"cancerinfo.booklets.interface", "cancerinfo.questions.interface"} <= set(INTERFACES)


@pytest.mark.parametrize("name", INTERFACES)
def test_an_interface_loads_and_offers_every_name_it_declares(name):
    module = importlib.import_module(name)
    declared = getattr(module, "__all__", None)
    assert declared, f"{name} declares no __all__"
    missing = [item for item in declared if not hasattr(module, item)]
    assert missing == []
