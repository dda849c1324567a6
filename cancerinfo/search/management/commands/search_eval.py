"""manage.py search_eval QUERIES.jsonl: ranking quality and speed of the site search, as one JSON line."""

import json
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from cancerinfo.search.evaluation import evaluate, is_site_query_set, read_queries, site_page_ranker, site_ranker

# What each kind of query set reports.
MEDQUAD_FIGURES = ["queries", "mrr@10", "recall@10", "p50_ms", "p95_ms"]
SITE_FIGURES = ["queries", "mrr@10", "success@3", "zero_results", "p50_ms", "p95_ms"]


def questions_dir() -> Path:
    return Path(settings.SEARCH_DATA_DIR) / "medquad-cancergov" / "1_CancerGov_QA"


def ensure_questions(stdout=None) -> None:
    """Import the MedQuAD questions with the questions app's own command, by name: search imports no content app.
    The importer skips questions that have not changed, so a second run writes nothing."""
    source = questions_dir()
    if not source.exists():
        raise CommandError(
            f"{source} does not exist: cannot import the questions to evaluate against "
            "(--no-import if they are already there)."
        )
    call_command("import_questions", str(source), no_progress=True, stdout=stdout)


class Command(BaseCommand):
    help = (
        "Run each query of a JSONL file through the site search and print the figures as one JSON line. "
        'MedQuAD queries ({"query": …, "relevant": [qid…]}): {"queries", "mrr@10", "recall@10", "p50_ms", '
        '"p95_ms"}, importing the MedQuAD questions first if needed. Site queries ({"query": …, "relevant": '
        '["/url/path/"…]}): {"queries", "mrr@10", "success@3", "zero_results", "p50_ms", "p95_ms"}, on the site '
        "as it is (the demo site that make setup builds)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "queries",
            help="A JSONL file like ../shared/data/search-eval/lay-queries.dev.jsonl or site-queries.dev.jsonl",
        )
        parser.add_argument("--verbose-queries", action="store_true", help="Also print each query's rank.")
        parser.add_argument("--no-import", action="store_true", help="Do not import the questions first.")

    def handle(self, *args, queries, verbose_queries=False, no_import=False, **options):
        path = Path(queries)
        if not path.exists():
            raise CommandError(f"{path} does not exist.")
        try:
            items = read_queries(path)
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        site_queries = is_site_query_set(items)
        if not (no_import or site_queries):
            ensure_questions(stdout=self.stderr)
        from cancerinfo.search.services import get_index

        get_index()  # built (and embeddings stored) before the clock starts
        figures = evaluate(items, site_page_ranker if site_queries else site_ranker)
        per_query = figures.pop("_per_query")
        cpu_p95 = figures.pop("_cpu_p95_ms")
        if verbose_queries:
            for row in per_query:
                self.stderr.write(json.dumps(row))
            self.stderr.write(f"p95 CPU time per query: {cpu_p95} ms")
        shown = SITE_FIGURES if site_queries else MEDQUAD_FIGURES
        self.stdout.write(json.dumps({name: figures[name] for name in shown}))
