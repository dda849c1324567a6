"""The quick form renderer writes exactly what Django's widget templates write, for every widget it handles and for
every form on the site, and hands anything else to those templates."""

import datetime
import inspect

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.utils.safestring import mark_safe

from cancerinfo.core.form_rendering import QuickFormRenderer

TEMPLATES = DjangoTemplates()
QUICK = QuickFormRenderer()

HOSTILE = '"><script>alert(1)</script>&amp;'


class EveryWidget(forms.Form):
    name = forms.CharField(max_length=40, help_text="Hint")
    hidden = forms.CharField(widget=forms.HiddenInput, required=False)
    email = forms.EmailField(
        required=False, widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": False})
    )
    age = forms.IntegerField(required=False, min_value=0)
    query = forms.CharField(required=False, widget=forms.TextInput(attrs={"type": "search", "autofocus": True}))
    secret = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))
    when = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    colour = forms.ChoiceField(
        required=False, choices=[("", "Any"), ("red", "Red & <b>bold</b>"), (HOSTILE, mark_safe("<i>safe</i>"))]
    )
    grouped = forms.ChoiceField(
        required=False, choices=[("", "None"), ("Fruit", [("apple", "Apple"), ("pear", "Pear")]), ("nut", "Nut")]
    )
    several = forms.MultipleChoiceField(required=False, choices=[(1, "One"), (2, "Two"), (3, "Three")])
    answer = forms.NullBooleanField(required=False)
    message = forms.CharField(required=False, widget=forms.Textarea)  # not handled: the template draws it
    pick = forms.ChoiceField(required=False, widget=forms.RadioSelect, choices=[("a", "A"), ("b", "B")])


BOUND = {
    "name": HOSTILE,
    "hidden": "x&y",
    "email": "a@example.org",
    "age": "-3",
    "query": "bone <pain>",
    "secret": "s3cret\"'",
    "when": "2026-12-03",
    "colour": HOSTILE,
    "grouped": "pear",
    "several": ["1", "3"],
    "answer": "true",
    "message": HOSTILE,
    "pick": "b",
}


def rendered(form, renderer):
    form.renderer = renderer
    return {name: str(form[name]) for name in form.fields}


INVALID = {"name": "", "age": "many", "colour": "blue"}


@pytest.mark.parametrize("data", [None, BOUND, INVALID], ids=["unbound", "bound", "invalid"])
def test_every_widget_is_written_exactly_as_the_templates_write_it(data):
    quick = rendered(EveryWidget(data), QUICK)
    assert quick == rendered(EveryWidget(data), TEMPLATES)
    assert "<script>" not in "".join(quick.values())


def test_the_quick_path_is_taken_for_inputs_and_selects(monkeypatch):
    drawn = []
    original = DjangoTemplates.render

    def recording(self, name, *args, **kwargs):
        drawn.append(name)
        return original(self, name, *args, **kwargs)

    monkeypatch.setattr(DjangoTemplates, "render", recording)
    rendered(EveryWidget(BOUND), QUICK)
    assert drawn == ["django/forms/widgets/textarea.html", "django/forms/widgets/radio.html"]


def test_a_date_value_is_formatted_as_the_template_formats_it():
    quick = rendered(EveryWidget(initial={"when": datetime.date(2026, 1, 2)}), QUICK)["when"]
    assert quick == rendered(EveryWidget(initial={"when": datetime.date(2026, 1, 2)}), TEMPLATES)["when"]
    assert 'value="02/01/2026"' in quick  # the site's date input format


def site_forms():
    from cancerinfo.donations import forms as donations
    from cancerinfo.enquiries import forms as enquiries
    from cancerinfo.publications import forms as publications
    from cancerinfo.search import forms as search
    from cancerinfo.trials import forms as trials

    for module in (donations, enquiries, publications, search, trials):
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.Form) and cls.__module__ == module.__name__:
                yield pytest.param(cls, id=f"{module.__name__.rsplit('.', 1)[-1]}.{name}")


@pytest.mark.django_db
@pytest.mark.parametrize("form_class", list(site_forms()))
def test_every_form_on_the_site_renders_the_same_both_ways(form_class):
    form = form_class()
    # One form drawn twice: some forms carry a value made when they are built (the spam timer's signed time).
    assert rendered(form, QUICK) == rendered(form, TEMPLATES)
