"""Each question's version for health professionals, kept until now in professional_* fields and served by a route
at for-health-professionals/, becomes a question page of its own under the question, with that slug: the same
address. A versions.ContentVersion links the two.

Historical models have none of treebeard's or Wagtail's methods, so the page's tree fields (path, depth, numchild),
url_path, content type, locale and titles are set here by hand, as add_child would. The version gets no revision
of its own: Wagtail edits a page without one from its row, and the next save makes one. Only what was published (the
row's fields) is moved: an unpublished draft of the professional fields stays in the question's old revisions."""

import uuid

from django.db import migrations
from django.db.models import F

SLUG = "for-health-professionals"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's, as Wagtail's Page uses it
STEPLEN = 4


def _step(number: int) -> str:
    digits = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return digits.rjust(STEPLEN, "0")


def _stream(page, name):
    try:
        return list(getattr(page, name).raw_data)
    except (TypeError, ValueError, AttributeError):  # rows saved before the field existed hold ""
        return []


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentVersion = apps.get_model("versions", "ContentVersion")
    Page = apps.get_model("wagtailcore", "Page")
    QuestionPage = apps.get_model("questions", "QuestionPage")

    content_type = ContentType.objects.get_for_model(QuestionPage)
    for question in QuestionPage.objects.filter(audience="patients").order_by("path"):
        detail = _stream(question, "professional_detail")
        if not (question.professional_answer or detail):
            continue
        children = Page.objects.filter(path__startswith=question.path, depth=question.depth + 1)
        if children.filter(slug=SLUG).exists():  # made by an earlier, interrupted run
            continue
        last = children.order_by("-path").first()
        number = int(last.path[-STEPLEN:], len(ALPHABET)) + 1 if last else 1
        version = QuestionPage.objects.create(
            path=question.path + _step(number),
            depth=question.depth + 1,
            numchild=0,
            translation_key=uuid.uuid4(),
            locale_id=question.locale_id,
            live=question.live,
            has_unpublished_changes=False,
            first_published_at=question.first_published_at,
            last_published_at=question.last_published_at,
            title=question.title,
            draft_title=question.title,
            slug=SLUG,
            content_type=content_type,
            url_path=f"{question.url_path}{SLUG}/",
            owner_id=question.owner_id,
            show_in_menus=False,
            seo_title="",
            search_description=question.professional_answer[:255],
            audience="professionals",
            short_answer=question.professional_answer,
            detail=detail,
            references=_stream(question, "professional_references"),
            last_reviewed=question.last_reviewed,
            next_review_due=question.next_review_due,
            search_words="",
        )
        Page.objects.filter(pk=question.pk).update(numchild=F("numchild") + 1)
        ContentVersion.objects.update_or_create(
            original_id=question.pk, audience="professionals", language="", defaults={"version_id": version.pk}
        )


def backwards(apps, schema_editor):
    ContentVersion = apps.get_model("versions", "ContentVersion")
    Page = apps.get_model("wagtailcore", "Page")
    QuestionPage = apps.get_model("questions", "QuestionPage")

    for version in QuestionPage.objects.filter(audience="professionals", slug=SLUG):
        question = QuestionPage.objects.filter(path=version.path[:-STEPLEN]).first()
        if question is None:
            continue
        question.professional_answer = version.short_answer
        question.professional_detail = _stream(version, "detail")
        question.professional_references = _stream(version, "references")
        question.save(update_fields=["professional_answer", "professional_detail", "professional_references"])
        ContentVersion.objects.filter(version_id=version.pk).delete()
        version.delete()
        Page.objects.filter(pk=question.pk).update(numchild=F("numchild") - 1)


class Migration(migrations.Migration):
    dependencies = [
        ("questions", "0005_questionpage_audience"),
        ("versions", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
