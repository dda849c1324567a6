"""Load the demonstration glossary (demo/terms.yaml, our own writing, docs/demo-content.md). Safe to run again: it
updates terms in place."""

from pathlib import Path

from cancerinfo.core.content_files import markdown_to_html, read_yaml

from .everyday import is_everyday
from .models import Term
from .services import bump_version

DEMO_TERMS = Path(__file__).resolve().parent / "demo" / "terms.yaml"


def read_terms(path: Path = DEMO_TERMS) -> list[dict[str, str]]:
    """Each term's fields as the model stores them; the explanation, written in Markdown, becomes rich text."""
    return [
        {
            "term": entry["term"],
            "pronunciation": entry.get("pronunciation", ""),
            "other_names": entry.get("other_names", ""),
            "definition": entry["definition"],
            "explanation": markdown_to_html(entry["explanation"], path) if entry.get("explanation") else "",
        }
        for entry in read_yaml(path)["terms"]
    ]


def load(areas, stdout) -> None:
    created = 0
    terms = read_terms()
    for entry in terms:
        name = entry["term"]
        term = Term.objects.filter(term__iexact=name).order_by("id").first() or Term(term=name)
        created += term.pk is None
        term.term = name
        term.pronunciation = entry["pronunciation"]
        term.other_names = entry["other_names"]
        term.definition = entry["definition"]
        term.explanation = entry["explanation"]
        term.link_in_pages = not is_everyday(name)  # "bones" and "symptoms" need no link (editors can change it)
        if term.source_id:  # an imported term: our editors' words replace the dictionary's
            term.editor_override = True
        term.save()
    bump_version()
    stdout.write(f"Glossary: {len(terms)} sample terms ({created} new).")
