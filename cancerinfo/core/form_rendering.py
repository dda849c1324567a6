"""A form renderer that writes the commonest widgets (text-like inputs, selects and their options) in Python.

Django renders every widget, and every option of a select, through its own template: a select of 25 cancer types
is 27 template renders. On the trial finder that was a sixth of the page's time. These widgets' HTML is fixed by
Django's templates (`django/forms/widgets/input.html`, `select.html`, `select_option.html`, `attrs.html`), so the
same markup is built here directly. Any other template (textareas, radio lists, whole forms, a widget with its own
template) goes to the normal template renderer. A test renders widgets both ways and compares them byte for byte.
"""

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

WIDGETS = "django/forms/widgets/"
INPUT_TEMPLATES = frozenset(
    WIDGETS + name + ".html"
    for name in ("input", "text", "search", "email", "number", "tel", "url", "password", "hidden", "date", "time")
)
SELECT_TEMPLATE = WIDGETS + "select.html"
OPTION_TEMPLATE = WIDGETS + "select_option.html"


def _text(value) -> str:
    """What `{{ value|stringformat:'s' }}` prints: str() of the value, escaped unless already safe."""
    return conditional_escape(value if isinstance(value, str) else str(value))


def _attrs(attrs: dict) -> str:
    """`attrs.html`: False leaves the attribute out, True writes its name alone."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        name = conditional_escape(name)
        parts.append(f" {name}" if value is True else f' {name}="{_text(value)}"')
    return "".join(parts)


def _input(widget: dict) -> str:
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    return f'<input type="{_text(widget["type"])}" name="{_text(widget["name"])}"{value}{_attrs(widget["attrs"])}>'


def _option(option: dict) -> str:
    label = conditional_escape(option["label"])
    return f'<option value="{_text(option["value"])}"{_attrs(option["attrs"])}>{label}</option>'


class QuickFormRenderer(DjangoTemplates):
    def render(self, template_name, context, request=None):
        widget = context.get("widget") if isinstance(context, dict) else None
        if widget is not None and widget.get("template_name") == template_name:
            if template_name in INPUT_TEMPLATES:
                return mark_safe(_input(widget))  # noqa: S308 - every value above is escaped
            if template_name == SELECT_TEMPLATE:
                html = self._select(widget, request)
                if html is not None:
                    return mark_safe(html)  # noqa: S308 - every value is escaped
        return super().render(template_name, context, request=request)

    def _select(self, widget: dict, request) -> str | None:
        parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_text(group_name)}">')
            for option in group_choices:
                if option.get("template_name") != OPTION_TEMPLATE:
                    return None  # a widget with its own option template: let its template draw all of it
                parts.append("\n  " + _option(option) + "\n")  # the option template's own closing newline
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return "".join(parts)
