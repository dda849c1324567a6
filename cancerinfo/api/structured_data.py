"""schema.org MedicalWebPage for booklet, section, question and glossary pages: when it was last reviewed, by whom,
for whom it is written and what condition it is about. Search engines and health apps read it; it sits beside a
question's FAQPage. Built from what the page's context holds already (a section's booklet and its terms, a
question's terms); the reviewers are governance's approvals, kept per live revision, so a page costs no more
queries once its first reader has been served. A condition names its clinical codes (ICD-10, SNOMED CT) as
MedicalCode, from taxonomy's per-process table of codes."""

import json

from cancerinfo.taxonomy.models import codes_by_cancer_type

from .reuse import TERMS_PATH

AUDIENCE_TYPES = {"patients": "Patient", "professionals": "Clinician", "easy_read": "Patient"}
JSON_LD_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _reviewers(pages, organisation: dict) -> list[dict]:
    from cancerinfo.governance.interface import approvals

    for page in pages:
        found = approvals(page) if page is not None and getattr(page, "pk", None) else []
        if found:
            return [{"@type": "Person", "name": a.name, "jobTitle": a.role} for a in found]
    return [organisation]


def _conditions(terms) -> list[dict]:
    about = []
    table = codes_by_cancer_type() if terms else {}
    for term in terms:
        condition = {"@type": "MedicalCondition", "name": term.name}
        other_names = getattr(term, "other_names_list", [])
        if other_names:
            condition["alternateName"] = other_names
        found = table.get(term.pk, [])
        if found:
            condition["code"] = [
                {"@type": "MedicalCode", "codeValue": code.code, "codingSystem": code.coding_system} for code in found
            ]
        about.append(condition)
    return about


def medical_web_page(
    page, url: str, organisation_name: str, *, booklet=None, cancer_types=None, term=None, base_url: str = ""
) -> dict:
    """The JSON-LD for one page. A section is reviewed with its booklet and is about the booklet's cancer types; a
    glossary page is about its term."""
    organisation = {"@type": "Organization", "name": organisation_name}
    reviewed = booklet if booklet is not None and not hasattr(page, "last_reviewed") else page
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "url": url,
        "inLanguage": "en-GB",
        "publisher": organisation,
    }
    if term is not None:
        data["name"] = term.term
        data["lastReviewed"] = term.updated_at.date().isoformat()
        data["reviewedBy"] = [organisation]
        data["audience"] = {"@type": "MedicalAudience", "audienceType": "Patient"}
        data["about"] = [{"@type": "DefinedTerm", "name": term.term, "description": term.definition}]
    else:
        if getattr(reviewed, "last_reviewed", None):
            data["lastReviewed"] = reviewed.last_reviewed.isoformat()
        data["reviewedBy"] = _reviewers([page, reviewed] if reviewed is not page else [page], organisation)
        audience = getattr(reviewed, "audience", "patients")
        data["audience"] = {"@type": "MedicalAudience", "audienceType": AUDIENCE_TYPES.get(audience, "Patient")}
        if cancer_types is None:
            cancer_types = reviewed.cancer_types.all() if hasattr(reviewed, "cancer_types") else []
        data["about"] = _conditions(cancer_types)
    if base_url:
        data["license"] = f"{base_url}{TERMS_PATH}"
    return data


def json_ld_script(data: dict) -> str:
    """JSON for a <script type="application/ld+json"> element, safe against </script> in the text."""
    return json.dumps(data, ensure_ascii=False).translate(JSON_LD_ESCAPES)
