"""Import saved pages of the old service (text renderings or HTML) as booklets and booklet sections."""

from django.core.management.base import BaseCommand, CommandError

from cancerinfo.legacy import services


class Command(BaseCommand):
    help = (
        "Read saved pages of the old service (files, or folders of .txt/.md/.html files) and create or update the "
        "booklet and section each holds. Safe to run again: unchanged pages are left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="A saved page, or a folder of them.")
        parser.add_argument(
            "--parent",
            default=services.DEFAULT_PARENT_SLUG,
            metavar="SLUG",
            help="Slug of the area that new booklets go under (default: %(default)s).",
        )
        parser.add_argument(
            "--encoding",
            default=None,
            help="Encoding of the files, if not UTF-8 and not declared in the HTML (for example cp1252).",
        )

    def handle(self, *args, paths, parent, encoding, **options):
        def report(result: services.ImportResult) -> None:
            if result.status == services.FAILED:
                self.stderr.write(f"failed     {result.path}: {result.reason}")
                return
            where = f"{result.booklet.title} / {result.section.title}" if result.section else ""
            line = f"{result.status:<10} {result.path} → {where}"
            if result.notes:
                line += f" ({'; '.join(result.notes)})"
            if result.links_resolved_elsewhere:
                line += f" [links now resolved in {result.links_resolved_elsewhere} earlier section(s)]"
            self.stdout.write(line)

        results = services.import_paths(paths, parent_slug=parent, encoding=encoding, on_result=report)
        counts = services.summary(results)
        self.stdout.write(
            f"{len(results)} file(s): {counts['created']} created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged, {counts['failed']} failed."
        )
        if counts["failed"]:
            raise CommandError(f"{counts['failed']} file(s) could not be imported; see the reasons above.")
