"""The demo site's skeleton: home page, the areas of the site and the navigation. Safe to run again."""

import datetime
from pathlib import Path

from wagtail.models import Collection, Page, Site

from .content_files import body_blocks, content_files
from .models import HomePage, IndexPage, SiteSettings, TrustPage

TRUST_FOLDER = Path(__file__).parent / "demo_trust"
PERSONAL_DATA_MARK = "<p>[personal data table]</p>"

HOME_TITLE = "Cancer information and support"
HOME_INTRO = (
    "Clear information about cancer, its treatment and living with it, checked by experts. "
    "Talk to our nurses free, find a clinical trial, or order free booklets."
)

# (slug, title, page class path, extra fields, in primary navigation, in cancer information navigation)
AREAS = [
    (
        "cancer-information",
        "Cancer information",
        "core.IndexPage",
        {"introduction": "Information about types of cancer, their treatment and living with cancer."},
        True,
        False,
    ),
    (
        "cancer-types",
        "Specific cancers",
        "booklets.BookletIndexPage",
        {
            "introduction": "Booklets about each type of cancer: what it is, how it is found and how it is treated.",
            "group_by": "cancer_types",
        },
        False,
        True,
    ),
    (
        "treatments",
        "Cancer treatments",
        "booklets.BookletIndexPage",
        {
            "introduction": "What happens during each kind of treatment, its side effects and how to cope with them.",
            "group_by": "treatments",
        },
        False,
        True,
    ),
    (
        "living-with-cancer",
        "Living with cancer",
        "booklets.BookletIndexPage",
        {"introduction": "Help with feelings, family life, work and money during and after cancer."},
        False,
        True,
    ),
    (
        "a-z",
        "A–Z list",
        "booklets.AtoZPage",
        {
            "search_words": "a to z, alphabetical list, index, all cancers, all booklets, browse",
            "introduction": "Every booklet, cancer type and treatment on this site, in alphabetical order.",
        },
        False,
        True,
    ),
    (
        "glossary",
        "Glossary",
        "glossary.GlossaryIndexPage",
        {
            "search_words": "dictionary, medical words, medical terms, definitions, meanings, jargon",
            "introduction": "What the medical words in our booklets and answers mean, in plain English.",
        },
        False,
        True,
    ),
    (
        "publications",
        "Printed publications",
        "publications.PublicationsPage",
        {
            "search_words": "order booklets, free booklets, leaflets, printed information, download, PDF",
            "introduction": "Every booklet we publish, free in print or to download. "
            "You can read them all on this website.",
        },
        False,
        True,
    ),
    (
        "clinical-trials",
        "Clinical trials",
        "trials.TrialFinderPage",
        {
            "search_words": "trials near me, find a trial, research studies, take part in research",
            "introduction": "Clinical trials test new treatments. Find trials that are taking people now, "
            "near where you live, then ask your specialist whether one could be right for you.",
        },
        True,
        False,
    ),
    (
        "questions",
        "Questions and answers",
        "questions.QuestionIndexPage",
        {
            "search_words": "frequently asked questions, FAQs, CancerQs, answers from nurses",
            "introduction": "Answers to questions people have asked our cancer nurses.",
        },
        True,
        False,
    ),
    (
        "health-professionals",
        "Health professionals",
        "versions.HealthProfessionalsPage",
        {
            "search_words": "GPs, doctors, nurses, clinicians, professional information, refer a patient",
            "introduction": "Information written for doctors, nurses and other health professionals.",
        },
        True,
        False,
    ),
    (
        "support",
        "Resources and support",
        "organisations.SupportDirectoryPage",
        {
            "search_words": "support groups, local support, charities, counselling, help near me, organisations",
            "introduction": "Organisations, services and people who can help you and your family.",
        },
        True,
        False,
    ),
    (
        "support-us",
        "Support us",
        "donations.DonationPage",
        {
            "search_words": "donate, donation, give money, fundraising, fundraise, make a gift, Gift Aid, charity",
            "introduction": "We rely on donations to keep our nurses answering calls and our booklets free.",
        },
        True,
        False,
    ),
    (
        "contact-us",
        "Contact us",
        "enquiries.ContactPage",
        {
            "search_words": "phone number, telephone, call us, helpline, email us, get in touch, talk to someone",
            "introduction": "Call our cancer nurses free, or write to us. We are here to listen and to help.",
        },
        True,
        False,
    ),
]


def _model(path: str):
    """The area's page type; a plain index page where a site has not installed the app that provides it."""
    from django.apps import apps

    try:
        return apps.get_model(path)
    except LookupError:
        return IndexPage


def ensure_home() -> HomePage:
    """Create the home page (replacing Wagtail's welcome page) and point the default site at it."""
    home = HomePage.objects.first()
    root = Page.get_first_root_node() or _create_root()
    if home is None:
        # Wagtail's own "Welcome to your new Wagtail site!" page holds the slug we want.
        for welcome in root.get_children().filter(slug="home").exact_type(Page):
            Site.objects.filter(root_page=welcome).update(root_page=root)
            welcome.delete()
        home = root.add_child(instance=HomePage(title=HOME_TITLE, slug="home", introduction=HOME_INTRO))
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="CancerInfo")
    elif site.root_page_id != home.pk or site.site_name != "CancerInfo":
        site.root_page = home
        site.site_name = "CancerInfo"
        site.save()
    return home


def _create_root() -> Page:
    """An empty database (flushed by a test run) has no tree root or locale: create them as Wagtail's migration does."""
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    return Page.add_root(instance=Page(title="Root", slug="root", live=True))


def ensure_root_collection() -> Collection:
    """Every image and document belongs to a collection, the root one unless an editor picks another (the demo's
    easy-read pictures, core/demo_pictures.py). An empty database (flushed by a test run, or by `manage.py flush`
    before loading the demo again) has none: create it as Wagtail's migration does."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def ensure_child(parent: Page, model, slug: str, title: str, **fields) -> Page:
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    page = parent.add_child(instance=model(title=title, slug=slug, **fields))
    page.save_revision().publish()
    return page


def build_site() -> dict[str, Page]:
    ensure_root_collection()
    home = ensure_home()
    areas: dict[str, Page] = {"home": home}
    for slug, title, model_path, fields, _primary, _cancer_info in AREAS:
        areas[slug] = ensure_child(home, _model(model_path), slug, title, show_in_menus=_primary, **fields)

    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.primary_navigation = [("link", {"page": areas[a[0]], "label": ""}) for a in AREAS if a[4]]
    settings.cancer_information_navigation = [("link", {"page": areas[a[0]], "label": ""}) for a in AREAS if a[5]]
    trust_pages = build_trust_pages(home)
    areas.update({f"trust:{page.slug}": page for page in trust_pages})
    settings.footer_navigation = [("link", {"page": page, "label": ""}) for page in trust_pages]
    # Always one tap away, on every page and on a phone: the nurses' form and the donation page.
    settings.header_actions = [
        ("link", {"page": areas["contact-us"], "label": "Ask a nurse", "subpage": "ask-a-nurse/"}),
        ("link", {"page": areas["support-us"], "label": "Donate", "subpage": ""}),
    ]
    settings.save()

    hub = areas["cancer-information"]
    if not hub.links:
        hub.links = [("link", {"page": areas[a[0]], "label": ""}) for a in AREAS if a[5]]
        hub.save_revision().publish()
    return areas


DEMO_REVIEW_DATE = datetime.date(2026, 3, 3)


def trust_page_blocks(file) -> list:
    """A trust page's text as blocks; a paragraph that is only "[personal data table]" becomes the table of the
    personal data the site keeps, read from the retention settings when the page is shown."""
    blocks: list = []
    for kind, value in body_blocks(file):
        if kind != "paragraph" or PERSONAL_DATA_MARK not in value:
            blocks.append((kind, value))
            continue
        before, after = value.split(PERSONAL_DATA_MARK, 1)
        blocks += [("paragraph", before)] if before.strip() else []
        blocks.append(("personal_data", None))
        blocks += [("paragraph", after)] if after.strip() else []
    return blocks


def build_trust_pages(home: Page) -> list[TrustPage]:
    """About us, privacy notice, cookies, accessibility statement and terms (core/demo_trust/), under the home page,
    in the order of their files. Sample text; an editor's later changes are kept."""
    pages = []
    for file in content_files(TRUST_FOLDER):
        meta = file.meta
        pages.append(
            ensure_child(
                home,
                TrustPage,
                meta["slug"],
                meta["title"],
                introduction=meta.get("introduction", ""),
                search_words=meta.get("search_words", ""),
                body=trust_page_blocks(file),
            )
        )
    return pages
