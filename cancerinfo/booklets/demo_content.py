"""Demonstration booklets: our own writing, sample content, not medical advice.

Body blocks are (kind, value) pairs using the blocks in cancerinfo.core.blocks. Cross-links are written
<a data-link="booklet-slug/section-slug">text</a> and become real page links when loaded.
"""

CANCER_TYPES = [
    {"name": "Secondary bone cancer", "other_names": "bone metastases, metastatic bone disease",
     "summary": "Cancer that started somewhere else in the body and has spread to the bones."},
]

TREATMENTS = [
    {"name": "Bisphosphonates", "summary": "Drugs that help protect bones from damage by cancer."},
]

BOOKLETS = [
    {
        "title": "Understanding secondary cancer in the bone",
        "slug": "secondary-bone-cancer",
        "area": "cancer-types",
        "summary": "For people whose cancer has spread to the bones, and their families.",
        "cancer_types": ["Secondary bone cancer"],
        "treatments": ["Bisphosphonates"],
        "last_reviewed": "2026-03-03",
        "references": [],
        "sections": [
            {"title": "Introduction", "body": [("paragraph", "<p>This is sample text.</p>")]},
            {"title": "Bisphosphonates", "body": [("paragraph", '<p>See <a data-link="secondary-bone-cancer/treating-hypercalcaemia">treating hypercalcaemia</a>.</p>')]},
            {"title": "Treating hypercalcaemia", "body": [("paragraph", "<p>Sample.</p>")]},
        ],
    },
]
