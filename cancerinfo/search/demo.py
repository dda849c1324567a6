"""Demo set-up for search: the shipped thesaurus and VarCon's spelling variants (when the shared data is there)."""

from cancerinfo.search.management.commands.load_spelling_variants import default_path
from cancerinfo.search.management.commands.load_spelling_variants import load as load_variants


def load(areas, stdout):
    from cancerinfo.search.models import SpellingVariant, ThesaurusGroup
    from cancerinfo.search.thesaurus import load_shipped

    added = load_shipped(ThesaurusGroup) if not ThesaurusGroup.objects.exists() else 0
    if added:
        stdout.write(f"Search: {added} thesaurus groups added.")
    path = default_path()
    if not path.exists():
        stdout.write(f"Search: {path} not found; using the built-in spelling list only.")
    elif not SpellingVariant.objects.exists():
        variants, _ = load_variants(path)
        stdout.write(f"Search: {variants} spelling variants loaded from VarCon.")
