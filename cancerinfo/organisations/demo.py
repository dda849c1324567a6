"""Demonstration organisations for the Resources and support directory.

Every one is made up for the demo site (our own writing) and is shown with a "Demonstration" label. Phone numbers
are in Ofcom's range kept for drama (0808 157 0000 to 0999); websites use the reserved example.org domain.
"""

from cancerinfo.taxonomy.models import CancerType, Topic

from .models import Organisation, Region

DEMO_ORGANISATIONS = [
    {
        "name": "Harbour Light Cancer Support",
        "summary": "Sample content. Volunteers who have had cancer themselves talk with you on the phone, one to "
        "one, about whatever is on your mind. Any cancer, any stage.",
        "phone": "0808 157 0311",
        "phone_note": "every day, 8am to 8pm",
        "website": "https://harbour-light.example.org",
        "region": Region.UK,
        "cancer_types": [],
        "topics": ["feelings", "living-with-cancer"],
    },
    {
        "name": "Money Matters After Diagnosis",
        "summary": "Sample content. Free advice on benefits, sick pay, grants and paying bills when cancer changes "
        "your income. Advisers can help you fill in forms.",
        "phone": "0808 157 0422",
        "phone_note": "Monday to Friday, 9am to 5pm",
        "website": "https://money-matters.example.org",
        "region": Region.UK,
        "cancer_types": [],
        "topics": ["practical-and-money"],
    },
    {
        "name": "Northern Lights Carers' Network",
        "summary": "Sample content. Local groups and a phone line for partners, family and friends looking after "
        "someone with cancer in Scotland.",
        "phone": "0808 157 0533",
        "website": "https://northern-lights.example.org",
        "region": Region.SCOTLAND,
        "cancer_types": [],
        "topics": ["feelings", "practical-and-money"],
    },
    {
        "name": "Valleys Treatment Transport",
        "summary": "Sample content. Volunteer drivers take people to and from hospital appointments for cancer "
        "treatment in south Wales. Book at least two days ahead.",
        "phone": "0808 157 0644",
        "region": Region.WALES,
        "cancer_types": [],
        "topics": ["practical-and-money", "treatment"],
    },
    {
        "name": "Bowel Cancer Peer Circle",
        "summary": "Sample content. Online and face-to-face groups for people living with bowel cancer or a stoma, "
        "run by people who have been there.",
        "website": "https://peer-circle.example.org",
        "region": Region.ENGLAND,
        "cancer_types": ["bowel-cancer"],
        "topics": ["living-with-cancer", "feelings"],
    },
    {
        "name": "Blood Cancer Buddies",
        "summary": "Sample content. Matches people newly diagnosed with a blood cancer with a trained volunteer who "
        "had the same diagnosis.",
        "phone": "0808 157 0755",
        "website": "https://blood-buddies.example.org",
        "region": Region.UK,
        "cancer_types": ["leukaemia", "lymphoma", "myeloma"],
        "topics": ["feelings", "living-with-cancer"],
    },
    {
        "name": "Lough Side Young Adults Cancer Hub",
        "summary": "Sample content. Meet-ups, online chats and help with college and work for people aged 16 to 30 "
        "with cancer in Northern Ireland.",
        "website": "https://lough-side.example.org",
        "region": Region.NORTHERN_IRELAND,
        "cancer_types": [],
        "topics": ["living-with-cancer", "practical-and-money"],
    },
]


def load(areas, stdout) -> None:
    for data in DEMO_ORGANISATIONS:
        data = dict(data)
        cancer_slugs = data.pop("cancer_types")
        topic_slugs = data.pop("topics")
        organisation, _created = Organisation.objects.update_or_create(
            name=data.pop("name"), defaults={**data, "is_demonstration": True, "live": True}
        )
        organisation.cancer_types.set(CancerType.objects.filter(slug__in=cancer_slugs))
        organisation.topics.set(Topic.objects.filter(slug__in=topic_slugs))
        organisation.save()
    stdout.write(f"Support directory: {len(DEMO_ORGANISATIONS)} demonstration organisations.")
