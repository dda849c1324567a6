"""Match a registry's condition words ("Prostatic Neoplasms", "NSCLC") to our cancer types.

A condition matches a cancer type when one of the type's names appears in it as whole words: its name, its other
names, the synonyms below, or a mapping an editor chose for an unmapped condition. Nothing is created here:
conditions that match nothing are reported so they can be reviewed.
"""

import re
from dataclasses import dataclass, field

# Registry words for a cancer type -> the cancer type's name (used only when that cancer type exists).
SYNONYMS: dict[str, list[str]] = {
    "Bladder cancer": [
        "urinary bladder neoplasm",
        "urinary bladder cancer",
        "bladder carcinoma",
        "urothelial carcinoma",
    ],
    "Bowel cancer": [
        "colorectal cancer",
        "colorectal carcinoma",
        "colorectal neoplasm",
        "colon cancer",
        "colonic neoplasm",
        "rectal cancer",
        "rectal neoplasm",
        "rectal tumour",
        "sigmoid colon cancer",
    ],
    "Brain tumours": ["brain neoplasm", "glioma", "glioblastoma", "astrocytoma"],
    "Breast cancer": ["breast neoplasm", "breast carcinoma", "carcinoma of the breast", "mammary cancer"],
    "Cervical cancer": ["uterine cervical neoplasm", "cervix cancer", "cancer of the cervix"],
    "Kidney cancer": ["renal cell carcinoma", "kidney neoplasm", "renal cancer"],
    "Leukaemia": ["leukaemia", "acute myeloid leukaemia", "chronic lymphocytic leukaemia", "aml", "cll"],
    "Lung cancer": [
        "lung neoplasm",
        "lung carcinoma",
        "nsclc",
        "non small cell lung cancer",
        "non small cell lung carcinoma",
        "carcinoma non small cell lung",
        "small cell lung cancer",
        "sclc",
    ],
    "Lymphoma": ["hodgkin lymphoma", "non hodgkin lymphoma", "diffuse large b cell lymphoma"],
    "Melanoma": ["malignant melanoma", "skin melanoma"],
    "Myeloma": ["multiple myeloma", "plasma cell myeloma"],
    "Oesophageal cancer": ["esophageal cancer", "oesophageal neoplasm", "esophageal neoplasm"],
    "Ovarian cancer": ["ovarian neoplasm", "ovarian carcinoma"],
    "Pancreatic cancer": ["pancreatic neoplasm", "pancreatic adenocarcinoma", "pancreatic carcinoma"],
    "Penile cancer": ["penile neoplasm", "cancer of the penis"],
    "Prostate cancer": [
        "prostatic neoplasm",
        "prostate neoplasm",
        "prostate carcinoma",
        "prostate adenocarcinoma",
        "prostatic adenocarcinoma",
        "prostatic cancer",
    ],
    "Secondary bone cancer": ["bone metastasis", "bone metastases", "metastatic bone disease", "skeletal metastases"],
    "Stomach cancer": ["gastric cancer", "stomach neoplasm", "gastric neoplasm", "gastric adenocarcinoma"],
    "Testicular cancer": ["testicular neoplasm", "testicular germ cell tumour"],
    "Womb cancer": ["endometrial cancer", "uterine cancer", "endometrial neoplasm", "endometrial carcinoma"],
}

CANCER_WORDS = re.compile(
    r"\b(cancers?|neoplasms?|neoplasia|tumou?rs?|carcinomas?|adenocarcinomas?|lymphomas?|leuka?emias?|melanomas?|"
    r"sarcomas?|myelomas?|malignan\w*|metasta\w*|oncolog\w*|nsclc|sclc|gliomas?|glioblastomas?|blastomas?|"
    r"mesotheliomas?|carcinoid|myelodysplastic)\b",
    re.IGNORECASE,
)

# US spellings and plural forms the registries use -> the form we match on.
SPELLINGS = [
    (re.compile(r"\btumors?\b"), "tumour"),
    (re.compile(r"\btumours\b"), "tumour"),
    (re.compile(r"\bleukemias?\b"), "leukaemia"),
    (re.compile(r"\bleukaemias\b"), "leukaemia"),
    (re.compile(r"\besophag"), "oesophag"),
    (re.compile(r"\bneoplasms\b"), "neoplasm"),
    (re.compile(r"\bcarcinomas\b"), "carcinoma"),
    (re.compile(r"\bcancers\b"), "cancer"),
    (re.compile(r"\bmetastasis\b"), "metastases"),
    # "cancer of the prostate" -> "prostate cancer", "carcinoma of the breast" -> "breast carcinoma"
    (re.compile(r"\b(cancer|carcinoma|tumour|neoplasm) of (?:the )?([a-z]+)\b"), r"\2 \1"),
]


def normalise(text: str) -> str:
    """Lower case, punctuation to spaces, UK spellings, single spaces: 'Carcinoma, Non-Small-Cell Lung' ->
    'carcinoma non small cell lung'."""
    text = re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()
    for pattern, replacement in SPELLINGS:
        text = pattern.sub(replacement, text)
    return " ".join(text.split())


def looks_like_cancer(text: str) -> bool:
    return bool(CANCER_WORDS.search(text))


@dataclass
class ConditionMapper:
    """Phrases (normalised) -> cancer type ids; build it once per import with from_database()."""

    phrases: dict[str, set[int]] = field(default_factory=dict)
    ignored: set[str] = field(default_factory=set)
    _pattern: re.Pattern | None = None

    def add(self, phrase: str, cancer_type_id: int) -> None:
        key = normalise(phrase)
        if key:
            self.phrases.setdefault(key, set()).add(cancer_type_id)
            self._pattern = None

    @property
    def pattern(self) -> re.Pattern:
        if self._pattern is None:
            # Longest phrases first, so "small cell lung cancer" wins over "lung cancer" where both could match.
            alternatives = sorted(self.phrases, key=len, reverse=True)
            body = "|".join(re.escape(p) for p in alternatives) or r"(?!x)x"
            self._pattern = re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")
        return self._pattern

    def match(self, condition: str) -> set[int]:
        """The ids of every cancer type the condition names (empty when none)."""
        text = normalise(condition)
        if not text:
            return set()
        found: set[int] = set()
        for match in self.pattern.finditer(text):
            found |= self.phrases[match.group(0)]
        return found

    @classmethod
    def from_database(cls) -> "ConditionMapper":
        """Every cancer type's name and other names, our synonyms for those that exist, and editors' mappings."""
        from django.db.models import Q

        from cancerinfo.taxonomy.models import CancerType

        from .models import UnmappedCondition

        mapper = cls()
        by_name: dict[str, int] = {}
        for cancer_type in CancerType.objects.only("pk", "name", "other_names"):
            by_name[normalise(cancer_type.name)] = cancer_type.pk
            mapper.add(cancer_type.name, cancer_type.pk)
            for other in cancer_type.other_names_list:
                mapper.add(other, cancer_type.pk)
        for name, synonyms in SYNONYMS.items():
            cancer_type_id = by_name.get(normalise(name))
            if cancer_type_id is None:
                continue
            for synonym in synonyms:
                mapper.add(synonym, cancer_type_id)
        reviewed = UnmappedCondition.objects.filter(Q(mapped_to__isnull=False) | Q(not_a_cancer_type=True))
        for name, mapped_to, not_cancer in reviewed.values_list("name", "mapped_to_id", "not_a_cancer_type"):
            if mapped_to:
                mapper.add(name, mapped_to)
            elif not_cancer:
                mapper.ignored.add(normalise(name))
        return mapper
