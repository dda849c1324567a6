"""Word forms the term matcher accepts: British and American spellings and plurals.

Everything here is our own small rule set, so linking works without any data files. The importer may add more
spellings (from VarCon) to a term's other names; editors can add their own.
"""

import re
from functools import lru_cache

# (British, American) spelling pairs as regular expressions over one lower-case word. Each applies both ways.
SPELLING_RULES: list[tuple[str, str]] = [
    (r"aemia", r"emia"),  # anaemia / anemia, hypercalcaemia / hypercalcemia, leukaemia / leukemia
    (r"haem", r"hem"),  # haemoglobin / hemoglobin, haematologist / hematologist, methaemoglobin
    (r"^oesophag", r"^esophag"),
    (r"^oestr", r"^estr"),  # oestrogen / estrogen, oestradiol / estradiol
    (r"^oedem", r"^edem"),
    (r"^foet", r"^fet"),
    (r"^paed", r"^ped"),  # paediatric / pediatric
    (r"orthopaed", r"orthoped"),
    (r"gynaec", r"gynec"),
    (r"anaesth", r"anesth"),
    (r"^caec", r"^cec"),
    (r"rrhoea", r"rrhea"),  # diarrhoea / diarrhea
    (r"tumour", r"tumor"),
    (r"^colour", r"^color"),
    (r"^behaviour", r"^behavior"),
    (r"^labour", r"^labor"),
    (r"^odour", r"^odor"),
    (r"centre$", r"center$"),
    (r"fibre$", r"fiber$"),
    (r"litre$", r"liter$"),
    (r"^programme$", r"^program$"),
    (r"^ageing$", r"^aging$"),
    (r"^grey$", r"^gray$"),
    (r"^sulph", r"^sulf"),
    (r"isation", r"ization"),
    (r"ise$", r"ize$"),
    (r"ised$", r"ized$"),
    (r"ising$", r"izing$"),
    (r"yse$", r"yze$"),  # analyse / analyze
    (r"ysed$", r"yzed$"),
    (r"ogue$", r"og$"),  # analogue / analog, catalogue / catalog
    (r"leucocyt", r"leukocyt"),
]


def _literal(pattern: str) -> str:
    """The text a rule pattern stands for, without its anchors."""
    return pattern.strip("^$")


_COMPILED_RULES = [
    (re.compile(british), _literal(american), re.compile(american), _literal(british))
    for british, american in SPELLING_RULES
]


@lru_cache(maxsize=100_000)
def word_spellings(word: str) -> frozenset[str]:
    """A lower-case word and its other spellings by the rules above (both directions)."""
    forms = {word}
    for british, american_text, american, british_text in _COMPILED_RULES:
        for form in list(forms):
            if british.search(form):
                forms.add(british.sub(american_text, form, count=1))
            elif american.search(form):
                forms.add(american.sub(british_text, form, count=1))
    return frozenset(forms)


MAX_SPELLINGS_PER_NAME = 16


def is_case_sensitive(name: str) -> bool:
    """Names without a lower-case letter (ALL, CTX, PSA) match only in capitals; everything else in any case."""
    return any(ch.isupper() for ch in name) and not any(ch.islower() for ch in name)


def name_forms(name: str) -> set[str]:
    """The spellings and plurals of a (normalised) name. Case-insensitive names come back in lower case."""
    if is_case_sensitive(name):
        return {name, *plurals(name)}
    variants = [""]
    for index, word in enumerate(name.lower().split(" ")):
        joiner = " " if index else ""
        options = sorted(word_spellings(word))
        variants = [f"{head}{joiner}{option}" for head in variants for option in options][:MAX_SPELLINGS_PER_NAME]
    forms = set(variants)
    for variant in variants:
        head, _, last = variant.rpartition(" ")
        forms.update(f"{head} {plural}" if head else plural for plural in plurals(last))
    return forms


IRREGULAR_PLURALS = {
    "child": "children",
    "man": "men",
    "woman": "women",
    "foot": "feet",
    "tooth": "teeth",
    "mouse": "mice",
    "person": "people",
    "appendix": "appendices",
    "index": "indices",
    "matrix": "matrices",
    "cortex": "cortices",
    "apex": "apices",
    "vertebra": "vertebrae",
    "cannula": "cannulae",
    "fistula": "fistulae",
    "metastasis": "metastases",
    "diagnosis": "diagnoses",
    "prognosis": "prognoses",
    "testis": "testes",
    "bacterium": "bacteria",
    "ovum": "ova",
    "mitochondrion": "mitochondria",
    "ganglion": "ganglia",
    "nucleus": "nuclei",
    "bronchus": "bronchi",
    "fungus": "fungi",
    "stimulus": "stimuli",
    "thrombus": "thrombi",
    "embolus": "emboli",
    "carcinoma": "carcinomas",
    "lumen": "lumina",
}


def plurals(word: str) -> set[str]:
    """Plural forms of the last word of a term. Acronyms take a plain "s" (MRIs, CTs)."""
    if not word or not word[-1].isalpha():
        return set()
    if is_case_sensitive(word):
        return {word + "s"}
    lower = word.lower()
    forms: set[str] = set()
    if lower in IRREGULAR_PLURALS:
        forms.add(IRREGULAR_PLURALS[lower])
    if lower.endswith("sis"):
        forms.add(lower[:-2] + "es")  # metastasis -> metastases
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(lower + "es")
    elif lower.endswith("y") and len(lower) > 2 and lower[-2] not in "aeiou":
        forms.add(lower[:-1] + "ies")
    else:
        forms.add(lower + "s")
    if lower.endswith(("ula", "bra", "ina")) and len(lower) > 4:
        forms.add(lower + "e")  # vertebrae, cannulae
    if lower.endswith("um") and len(lower) > 4:
        forms.add(lower[:-2] + "a")  # bacterium -> bacteria
    if lower.endswith("us") and len(lower) > 5:
        forms.add(lower[:-2] + "i")  # nucleus -> nuclei
    if lower.endswith(("ex", "ix")) and len(lower) > 4:
        forms.add(lower[:-2] + "ices")
    return forms
