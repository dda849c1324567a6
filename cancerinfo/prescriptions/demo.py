"""Demo: a short professional version of the secondary bone cancer booklet (our own sample writing), linked to the
patient booklet so both show the audience switch. Safe to run again: it updates in place."""

import datetime

from cancerinfo.booklets.interface import BookletPage, BookletSectionPage
from cancerinfo.core.demo import ensure_child
from cancerinfo.versions.models import Audience, ContentVersion

PATIENT_SLUG = "secondary-bone-cancer"
SLUG = "secondary-bone-cancer-professionals"
TITLE = "Secondary bone cancer: information for health professionals"
SUMMARY = (
    "Sample content for the demonstration site, not clinical guidance. A short summary for doctors, nurses and "
    "allied health professionals caring for people with bone metastases."
)
SECTIONS = [
    (
        "what-are-the-symptoms",
        "What are the symptoms?",
        "Presenting features and red flags.",
        [
            "<p>Sample content. Bone pain is the most common presentation: often constant, worse at night and not "
            "eased by rest. Ask about new back pain in anyone with a history of cancer.</p>",
            "<p>Red flags for spinal cord compression include thoracic or cervical back pain, band-like pain, limb "
            "weakness, sensory change and new bladder or bowel dysfunction. Follow your local urgent pathway the "
            "same day.</p>",
            "<p>Hypercalcaemia may present with thirst, polyuria, constipation, nausea and confusion. Check adjusted "
            "calcium in anyone with bone metastases who becomes unwell.</p>",
        ],
    ),
    (
        "how-it-is-diagnosed",
        "How it is diagnosed",
        "Imaging and blood tests.",
        [
            "<p>Sample content. Choose imaging to suit the primary cancer and the question being asked. Whole-spine "
            "MRI is the investigation of choice when cord compression is suspected.</p>",
            "<p>Bone scans, CT and PET-CT each have a role in staging. A biopsy may be needed when the primary is "
            "unknown or when a new lesion could be a second cancer.</p>",
        ],
    ),
    (
        "treating-weakened-bones",
        "Treating weakened bones",
        "Bone-targeted agents and preventing fractures.",
        [
            "<p>Sample content. Bone-targeted agents such as bisphosphonates and denosumab reduce skeletal-related "
            "events. Check calcium and vitamin D, and arrange a dental review before starting, because of the risk "
            "of osteonecrosis of the jaw.</p>",
            "<p>Assess fracture risk in long bones with lytic lesions and refer early to orthopaedics when a "
            "prophylactic fixation might be needed.</p>",
        ],
    ),
]


def load(areas, stdout) -> None:
    patient = BookletPage.objects.filter(slug=PATIENT_SLUG).first()
    parent = patient.get_parent().specific if patient else areas["cancer-types"]
    booklet = ensure_child(
        parent,
        BookletPage,
        SLUG,
        TITLE,
        series="Information for health professionals",
        audience=BookletPage.AUDIENCE_PROFESSIONALS,
    )
    booklet.summary = SUMMARY
    booklet.search_description = SUMMARY
    booklet.series = "Information for health professionals"
    booklet.audience = BookletPage.AUDIENCE_PROFESSIONALS
    booklet.last_reviewed = datetime.date(2026, 9, 14)
    # Written alongside the patients' booklet's current edition, and numbered with it.
    booklet.edition, booklet.edition_date = "3rd edition", datetime.date(2026, 9, 14)
    booklet.save_revision().publish()
    for slug, title, summary, paragraphs in SECTIONS:
        section = ensure_child(booklet, BookletSectionPage, slug, title)
        section.body = [("paragraph", paragraph) for paragraph in paragraphs]
        section.search_description = summary
        section.save_revision().publish()
    if patient is not None:
        ContentVersion.objects.update_or_create(
            original=patient, audience=Audience.PROFESSIONALS, language="", defaults={"version": booklet}
        )
    stdout.write(f"Health professionals: 1 professional booklet with {len(SECTIONS)} sections.")
