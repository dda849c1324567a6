"""Boxes: the parts a page shows around its body (related questions, trials near you, who can help, order this
booklet, what's changed...). Each feature app registers the boxes it offers in its AppConfig.ready(); a page's
template shows them with one tag, {% load boxes %}{% page_boxes page "aside" %}. The registry is where the apps
meet, so a page type that shows boxes imports none of the apps that draw them (docs/decisions/composable-pages.md).

A page chooses its boxes with two fields (see `standard_boxes_field` and `boxes_field`): "show the standard boxes for
this page type" (on for every page that existed before boxes could be chosen, so they look as they did) and its own
ordered list. With the standard boxes on, the page shows them, then any others the editor added; with them off, only
the editor's list, in the editor's order.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.template import Context, Engine
from django.utils.functional import lazy
from django.utils.safestring import SafeString, mark_safe
from wagtail import blocks
from wagtail.fields import StreamField

ASIDE = "aside"  # after the body: the boxes editors choose and order
TOP = "top"  # under the heading (the audience switch): parts of the page, shown for every page of the type


@dataclass(frozen=True)
class Box:
    key: str  # "<app>.<name>": stored in pages' lists of boxes, so never renamed
    label: str  # what editors see
    page_types: tuple[str, ...]  # model labels of the pages it suits, "booklets.BookletSectionPage"
    render: Callable[[Context, object], str]  # (template context, page) -> HTML; "" shows nothing
    standard_for: tuple[str, ...] = ()  # page types that show it among their standard boxes
    standard_when: Callable[[object], bool] | None = None  # when a standard box shows on a page (else always)
    standard_note: str = ""  # that condition in words, for editors: "on sections about research"
    order: int = 100  # its place among the standard boxes
    region: str = ASIDE


_registry: dict[str, Box] = {}


def register(box: Box) -> Box:
    """Called from an app's AppConfig.ready(). Registering the same key again replaces the box."""
    _registry[box.key] = box
    return box


def registered() -> list[Box]:
    return sorted(_registry.values(), key=lambda box: (box.order, box.key))


def page_type(page) -> str:
    return page._meta.label  # noqa: SLF001 - the model label, as in page_types


def suited(type_label: str, region: str = ASIDE) -> list[Box]:
    return [box for box in registered() if type_label in box.page_types and box.region == region]


def standard(type_label: str, region: str = ASIDE) -> list[Box]:
    return [box for box in suited(type_label, region) if type_label in box.standard_for]


def chosen_keys(page) -> list[str]:
    stream = getattr(page, "boxes", None)
    return [child.value for child in stream] if stream else []


def boxes_for(page, region: str = ASIDE) -> list[Box]:
    """The boxes the page shows in a region, in order. Costs no query of its own; a standard box's condition may."""
    type_label = page_type(page)
    shown: list[Box] = []
    if region != ASIDE or getattr(page, "standard_boxes", True):
        shown = [box for box in standard(type_label, region) if box.standard_when is None or box.standard_when(page)]
    if region == ASIDE:
        for key in chosen_keys(page):
            box = _registry.get(key)  # a box whose app has gone is skipped
            if box is not None and type_label in box.page_types and box.region == region and box not in shown:
                shown.append(box)
    return shown


def render_boxes(context: Context, page, region: str = ASIDE) -> SafeString:
    parts = [str(box.render(context, page)) for box in boxes_for(page, region)]
    return mark_safe("\n".join(part for part in parts if part.strip()))  # noqa: S308 - each part is rendered HTML


def template_box(template_name: str, values: Callable[[Context, object], dict | None]):
    """A render function that fills an app's template with `values(context, page)` (None shows nothing), the way
    an inclusion tag does: the template sees only those values, with the page's autoescaping."""

    def render(context: Context, page) -> str:
        found = values(context, page)
        if found is None:
            return ""
        engine = context.template.engine if getattr(context, "template", None) else Engine.get_default()
        return engine.get_template(template_name).render(context.new(found))

    return render


# The fields a page type adds to let editors choose its boxes.


def choices_for(type_label: str) -> list[tuple[str, str]]:
    """The boxes an editor can add to a page of the type: a ChoiceBlock's choices, read when the form is built."""
    return [(box.key, box.label) for box in suited(type_label)]


def describe_standard(type_label: str) -> str:
    names = [f"{box.label} ({box.standard_note})" if box.standard_note else box.label for box in standard(type_label)]
    if not names:
        return "This page type has no standard boxes."
    return "The standard boxes, in this order: " + "; ".join(names) + ". Turn this off to show only your own list."


describe_standard_lazily = lazy(describe_standard, str)


def standard_boxes_field() -> models.BooleanField:
    return models.BooleanField(
        "show the standard boxes for this page type",
        default=True,
        help_text="On: the standard boxes show, then any you add below. Off: only the boxes you add, in your order.",
    )


def boxes_field(choices: Callable[[], list[tuple[str, str]]]) -> StreamField:
    """`choices` is a module-level function (migrations refer to it by name), usually calling choices_for()."""
    return StreamField(
        [("box", blocks.ChoiceBlock(choices=choices, label="Box"))],
        blank=True,
        verbose_name="boxes",
        help_text="Boxes shown after the text, in this order.",
    )
