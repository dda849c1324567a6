"""How MedQuAD's vocabulary maps onto ours: question types to topics, US cancer names to UK display names."""

import re

# MedQuAD qtype -> our Topic slug (Topic rows are seeded by a taxonomy migration).
QTYPE_TOPICS: dict[str, str] = {
    "information": "about",
    "symptoms": "symptoms",
    "exams and tests": "tests",
    "stages": "stages",
    "treatment": "treatment",
    "outlook": "outlook",
    "susceptibility": "risk",
    "causes": "risk",
    "inheritance": "risk",
    "genetic changes": "risk",
    "prevention": "prevention",
    "research": "research",
}

# US spelling -> UK spelling, whole words, matched case-insensitively and written back in the same case.
UK_SPELLINGS: dict[str, str] = {
    "leukemia": "leukaemia",
    "leukemias": "leukaemias",
    "tumor": "tumour",
    "tumors": "tumours",
    "esophageal": "oesophageal",
    "esophagus": "oesophagus",
    "hematologic": "haematological",
    "hematological": "haematological",
    "hematopoietic": "haematopoietic",
    "anemia": "anaemia",
    "thrombocythemia": "thrombocythaemia",
    "polycythemia": "polycythaemia",
    "gynecologic": "gynaecological",
    "gynecological": "gynaecological",
    "pediatric": "paediatric",
    "estrogen": "oestrogen",
    "hemangioma": "haemangioma",
    "hemangiomas": "haemangiomas",
    "hemangioendothelioma": "haemangioendothelioma",
    "hemangiopericytoma": "haemangiopericytoma",
    "orthopedic": "orthopaedic",
    "edema": "oedema",
    "cecum": "caecum",
    # The source lost its accents ("Szary" for Sézary).
    "szary": "sézary",
}

_UK_WORD = re.compile(r"\b(" + "|".join(sorted(UK_SPELLINGS, key=len, reverse=True)) + r")\b", re.IGNORECASE)


def _same_case(word: str, replacement: str) -> str:
    if word.isupper():
        return replacement.upper()
    if word[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def uk_spelling(text: str) -> str:
    """'Adult Acute Lymphoblastic Leukemia' -> 'Adult Acute Lymphoblastic Leukaemia'."""
    return _UK_WORD.sub(lambda m: _same_case(m.group(0), UK_SPELLINGS[m.group(0).lower()]), text)


def topic_slug_for(qtype: str | None) -> str | None:
    """Our topic for a MedQuAD question type, or None when we have no matching topic."""
    return QTYPE_TOPICS.get((qtype or "").strip().lower())


def cancer_type_name(focus: str) -> str:
    """The display name for a MedQuAD Focus: UK spelling, tidy spacing ('Myelodysplastic/ Myeloproliferative')."""
    name = re.sub(r"\s+", " ", focus).strip()
    name = re.sub(r"/\s+", "/", name)
    return uk_spelling(name)


def clean_question(text: str, focus: str = "") -> str:
    """A readable title: 'What is (are) Adult ALL ?' -> 'What is Adult ALL?', in UK spelling."""
    title = re.sub(r"\s+", " ", text).strip()
    title = title.replace("What is (are)", "What is").replace("what is (are)", "what is")
    title = re.sub(r"\s*\?(\s*\?)*\s*$", "?", title)
    title = re.sub(r"\s+([?.,])", r"\1", title)
    if focus:
        title = title.replace(focus.strip(), cancer_type_name(focus))
    return uk_spelling(title)
