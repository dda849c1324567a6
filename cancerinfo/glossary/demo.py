"""Load the demonstration glossary (our own writing). Safe to run again: it updates terms in place."""

from .demo_content import TERMS
from .models import Term
from .services import bump_version

# Words too common on this site to be worth a link each time (editors can change this per term).
NOT_LINKED = {"cancer"}


def load(areas, stdout) -> None:
    created = 0
    for entry in TERMS:
        name, pronunciation, other_names, definition = entry[:4]
        explanation = f"<p>{entry[4]}</p>" if len(entry) > 4 else ""
        term = Term.objects.filter(term__iexact=name).order_by("id").first() or Term(term=name)
        created += term.pk is None
        term.term = name
        term.pronunciation = pronunciation
        term.other_names = other_names
        term.definition = definition
        term.explanation = explanation
        term.link_in_pages = name not in NOT_LINKED
        if term.source_id:  # an imported term: our editors' words replace the dictionary's
            term.editor_override = True
        term.save()
    bump_version()
    stdout.write(f"Glossary: {len(TERMS)} sample terms ({created} new).")
