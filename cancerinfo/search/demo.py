"""Demo set-up for search: the shipped thesaurus, VarCon's spelling variants and the NCI dictionary's drug names
(when the shared data is there)."""

from cancerinfo.search import drugnames
from cancerinfo.search.management.commands import load_drug_names
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
    drugs = load_drug_names.default_path()
    if not drugs.exists():
        stdout.write(f"Search: {drugs} not found; no drug names from the NCI dictionary.")
    elif not ThesaurusGroup.objects.filter(source=drugnames.SOURCE).exists():
        added, _ = load_drug_names.load(drugs)
        stdout.write(f"Search: {added} drug name groups added from the NCI dictionary.")
