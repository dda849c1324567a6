"""What can go on an information prescription: search, and turning stored ["kind", id] pairs into listed items."""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.text import Truncator

from cancerinfo.core.text import clean_query

KIND_SECTION = "section"
KIND_QUESTION = "question"
KIND_ORGANISATION = "organisation"
KIND_TRIAL = "trial"
KINDS = {
    KIND_SECTION: "Booklet section",
    KIND_QUESTION: "Question and answer",
    KIND_ORGANISATION: "Support organisation",
    KIND_TRIAL: "Clinical trial",
}
# The heading over each kind's search results: written out, because adding an "s" makes "Question and answers".
KIND_HEADINGS = {
    KIND_SECTION: "Booklet sections",
    KIND_QUESTION: "Questions and answers",
    KIND_ORGANISATION: "Support organisations",
    KIND_TRIAL: "Clinical trials",
}
MAX_ITEMS = 12
RESULTS_PER_KIND = 8
QUERY_MAX_LENGTH = 100
DESCRIPTION_WORDS = 30


@dataclass
class Item:
    kind: str
    pk: int
    title: str
    description: str
    path: str  # our own page (starts with /) or an outside web address

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.pk}"

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


def parse_key(value: str) -> tuple[str, int] | None:
    kind, _, pk = (value or "").partition(":")
    if kind in KINDS and pk.isdigit() and len(pk) < 12:
        return kind, int(pk)
    return None


def _short(text: str) -> str:
    return Truncator(" ".join((text or "").split())).words(DESCRIPTION_WORDS)


def _sections(ids=None, query=None):
    from cancerinfo.booklets.interface import BookletSectionPage

    pages = BookletSectionPage.objects.live().public()
    if ids is not None:
        pages = pages.filter(pk__in=ids)
    if query:
        booklet_paths = _matching_booklet_paths(query)
        condition = Q(title__icontains=query) | Q(search_description__icontains=query)
        for booklet_path in booklet_paths:
            condition |= Q(path__startswith=booklet_path)
        pages = pages.filter(condition).order_by("path")[:RESULTS_PER_KIND]
    booklets = {}
    items = []
    for page in pages:
        parent_path = page.path[: -page.steplen]
        if parent_path not in booklets:
            booklets[parent_path] = page.get_parent().specific
        booklet = booklets[parent_path]
        items.append(
            Item(
                KIND_SECTION,
                page.pk,
                f"{booklet.title}: {page.title}",
                _short(page.search_description or booklet.summary),
                page.url,
            )
        )
    return items


def _matching_booklet_paths(query):
    from cancerinfo.booklets.interface import BookletPage

    return list(BookletPage.objects.live().public().filter(title__icontains=query).values_list("path", flat=True)[:3])


def _questions(ids=None, query=None):
    from cancerinfo.questions.interface import QuestionPage

    pages = QuestionPage.objects.live().public().filter(audience="patients")  # the versions patients read
    if ids is not None:
        pages = pages.filter(pk__in=ids)
    if query:
        pages = pages.filter(Q(title__icontains=query) | Q(short_answer__icontains=query)).order_by("title")
        pages = pages[:RESULTS_PER_KIND]
    return [Item(KIND_QUESTION, p.pk, p.title, _short(p.short_answer), p.url) for p in pages]


def _organisations(ids=None, query=None):
    from cancerinfo.organisations.interface import Organisation, SupportDirectoryPage

    organisations = Organisation.objects.filter(live=True)
    if ids is not None:
        organisations = organisations.filter(pk__in=ids)
    if query:
        condition = Q(name__icontains=query) | Q(summary__icontains=query)
        organisations = organisations.filter(condition).order_by("name")[:RESULTS_PER_KIND]
    directory = SupportDirectoryPage.objects.live().first()
    fallback = directory.url if directory else "/"
    items = []
    for org in organisations:
        description = _short(org.summary)
        if org.phone:
            description = f"{description} Phone {org.phone}."
        items.append(Item(KIND_ORGANISATION, org.pk, org.name, description, org.website or fallback))
    return items


def _trials(ids=None, query=None):
    from cancerinfo.trials.interface import TrialFinderPage, offered_trials

    # Only trials a person could join now or soon, their status confirmed recently: never withdrawn, stopped,
    # finished or of unknown status (a prescribed trial that has since closed is left out, like a withdrawn page).
    trials = offered_trials()
    if ids is not None:
        trials = trials.filter(pk__in=ids)
    if query:
        condition = (
            Q(title__icontains=query)
            | Q(plain_title__icontains=query)
            | Q(registry_id__iexact=query)
            | Q(conditions__icontains=query)
        )
        trials = trials.filter(condition).order_by("-status", "title")[:RESULTS_PER_KIND]
    finder = TrialFinderPage.objects.live().first()
    items = []
    for trial in trials:
        path = finder.trial_url(trial) if finder else trial.registry_url
        items.append(
            Item(
                KIND_TRIAL,
                trial.pk,
                trial.display_title,
                _short(f"{trial.registry_id}. {trial.get_status_display()}. {trial.summary}"),
                path or "",
            )
        )
    return items


LOADERS = {KIND_SECTION: _sections, KIND_QUESTION: _questions, KIND_ORGANISATION: _organisations, KIND_TRIAL: _trials}


def search(query: str) -> dict[str, list[Item]]:
    """Items whose title or summary contains the words typed, grouped by kind."""
    query = clean_query(query, QUERY_MAX_LENGTH)
    if not query:
        return {}
    return {kind: LOADERS[kind](query=query) for kind in KINDS}


def resolve(pairs) -> list[Item]:
    """The stored ["kind", id] pairs as items, in the same order; items since withdrawn are left out."""
    wanted: dict[str, list[int]] = {}
    for pair in pairs:
        if isinstance(pair, (list, tuple)) and len(pair) == 2 and pair[0] in KINDS:
            wanted.setdefault(pair[0], []).append(int(pair[1]))
    found = {}
    for kind, ids in wanted.items():
        for item in LOADERS[kind](ids=ids):
            found[(kind, item.pk)] = item
    return [found[(kind, int(pk))] for kind, pk in pairs if (kind, int(pk)) in found]
