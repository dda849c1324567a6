"""Views behind the catalogue page's routes. Thin: they read input, call basket/orders/pdf, and render.

Each registers itself in the page's route table (models.catalogue_views); the app's ready() imports this module.
"""

from functools import partial

from django.contrib import messages
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from cancerinfo.booklets.interface import BookletPage
from cancerinfo.delivery.throttle import ORDER
from cancerinfo.jobs.registry import enqueue_once
from cancerinfo.taxonomy.models import CancerType

from . import basket as basket_service
from . import orders, pdf
from .forms import PROFESSIONAL_LIMIT, PUBLIC_LIMIT, AddToBasketForm, CatalogueFilterForm, OrderForm
from .models import BookletPdf, Order, Publication, catalogue_views
from .tasks import generate_booklet_pdfs


def _context(request, page, **extra):
    context = page.get_context(request)
    context.update(
        basket_count=basket_service.count(request.session),
        public_limit=PUBLIC_LIMIT,
        professional_limit=PROFESSIONAL_LIMIT,
        **extra,
    )
    return context


def _publications():
    return (
        Publication.objects.select_related("booklet", "cover_image")
        .prefetch_related("cancer_types", "booklet__cancer_types")
        .order_by("title")
    )


@catalogue_views.view("catalogue")
def catalogue(request, page):
    cancer_types = list(CancerType.objects.order_by("name"))
    form = CatalogueFilterForm(request.GET or None, cancer_types=cancer_types)
    publications = _publications()
    chosen_type = chosen_format = None
    if form.is_bound and form.is_valid():
        slug = form.cleaned_data.get("cancer_type")
        if slug:
            chosen_type = next((t for t in cancer_types if t.slug == slug), None)
            publications = publications.filter(
                Q(cancer_types=chosen_type) | Q(booklet__cancer_types=chosen_type)
            ).distinct()
        chosen_format = form.cleaned_data.get("format")
        publications = _filter_by_format(publications, chosen_format)
    elif form.is_bound:
        publications = publications.none()
    context = _context(
        request,
        page,
        filter_form=form,
        publications=list(publications),
        chosen_type=chosen_type,
        chosen_format=dict(form.fields["format"].choices).get(chosen_format) if chosen_format else None,
        add_form=AddToBasketForm(),
    )
    status = 400 if form.is_bound and not form.is_valid() else 200
    return TemplateResponse(request, "publications/catalogue.html", context, status=status)


def _filter_by_format(publications, fmt: str | None):
    if not fmt:
        return publications
    if fmt == "standard":
        return publications.filter(standard_print=True)
    if fmt == "large-print":
        return publications.filter(large_print=True)
    if fmt == "easy-read":
        return publications.filter(easy_read=True)
    if fmt == "audio":
        return publications.exclude(audio_url="")
    if fmt == "pdf":
        return publications.filter(pdf=True).filter(Q(booklet__isnull=False) | Q(pdf_document__isnull=False))
    return publications


@catalogue_views.view("detail")
def publication_detail(request, page, code):
    publication = _publications().filter(code=code.upper()).first()
    if publication is None:
        raise Http404("No publication with that code")
    form = AddToBasketForm(initial={"code": publication.code, "quantity": 1})
    return TemplateResponse(
        request,
        "publications/publication_detail.html",
        _context(request, page, publication=publication, add_form=form, downloads=_downloads(page, publication)),
    )


def _downloads(page, publication) -> list[tuple[str, str]]:
    if not publication.pdf:
        return []
    if publication.booklet_id and publication.booklet and publication.booklet.live:
        return [
            (page.route_url("booklet_pdf", booklet_id=publication.booklet_id, variant=variant), label)
            for variant, label in (("standard", "Download the PDF"), ("large-print", "Download the large-print PDF"))
        ]
    if publication.pdf_document_id:
        return [(publication.pdf_document.url, "Download the PDF")]
    return []


@catalogue_views.view("basket")
@never_cache
def basket(request, page):
    outcome = basket_service.Outcome()
    if request.method == "POST":
        outcome = basket_service.submit(request.session, request.POST)
        if outcome.message:
            (messages.error if outcome.failed else messages.success)(request, outcome.message)
        if outcome.go_to:
            return HttpResponseRedirect(page.route_url(outcome.go_to))
    lines = basket_service.lines_for_page(request.session, outcome.errors, request.POST)
    context = _context(request, page, lines=lines, errors=outcome.errors)
    return TemplateResponse(request, "publications/basket.html", context, status=400 if outcome.errors else 200)


@catalogue_views.view("order")
@never_cache
def order_form(request, page):
    lines = basket_service.lines(request.session)
    if request.method != "POST":
        form = OrderForm(initial={"token": orders.issue_token(request.session)}, basket_lines=lines)
        context = _context(request, page, form=form, lines=lines)
        return TemplateResponse(request, "publications/order_form.html", context)
    earlier = orders.order_sent_before(request.session, request.POST.get("token", ""))
    if earlier is not None:
        return HttpResponseRedirect(page.route_url("confirmation", reference=earlier.reference))
    form = OrderForm(request.POST, basket_lines=lines)
    allowance = orders.Allowance(blocked=partial(ORDER.blocked, request), record=partial(ORDER.record, request))
    attempt = orders.send_order_form(request.session, form, lines, allowance, request.build_absolute_uri(page.url))
    if attempt.order is not None:
        return HttpResponseRedirect(page.route_url("confirmation", reference=attempt.order.reference))
    context = _context(request, page, form=form, lines=lines)
    return TemplateResponse(request, "publications/order_form.html", context, status=attempt.status)


@catalogue_views.view("confirmation")
@never_cache
def confirmation(request, page, reference):
    if not orders.placed_here(request.session, reference):
        raise Http404("No such order in this browser")
    order = Order.objects.filter(reference=reference).prefetch_related("lines").first()
    if order is None:
        raise Http404("No such order")
    return TemplateResponse(request, "publications/confirmation.html", _context(request, page, order=order))


def _live_booklet(booklet_id: int):
    booklet = BookletPage.objects.live().public().filter(pk=booklet_id).first()
    if booklet is None:
        raise Http404("No such booklet")
    return booklet


@catalogue_views.view("booklet_downloads")
def booklet_downloads(request, page, booklet_id):
    booklet = _live_booklet(booklet_id)
    publication = Publication.objects.filter(booklet=booklet).order_by("-edition_date").first()
    if publication is not None:
        return HttpResponseRedirect(page.route_url("detail", code=publication.code))
    context = _context(
        request,
        page,
        booklet=booklet,
        downloads=[
            (page.route_url("booklet_pdf", booklet_id=booklet.pk, variant=variant), label)
            for variant, label in (("standard", "Download the PDF"), ("large-print", "Download the large-print PDF"))
        ],
    )
    return TemplateResponse(request, "publications/booklet_downloads.html", context)


@catalogue_views.view("booklet_pdf")
def booklet_pdf(request, page, booklet_id, variant):
    """The booklet's PDF. Made on a worker when the booklet is published; if this edition is not ready yet the reader
    gets the previous edition, or a page saying it is being prepared: never a wait while it is made."""
    booklet = _live_booklet(booklet_id)
    if variant not in (BookletPdf.VARIANT_STANDARD, BookletPdf.VARIANT_LARGE_PRINT):
        raise Http404("No such format")
    record = pdf.cached_pdf(booklet, variant)
    fresh = record is not None
    if not fresh:
        enqueue_once(generate_booklet_pdfs, booklet.pk, [variant])
        record = pdf.cached_pdf(booklet, variant)  # the immediate backend (tests) has made it already
        fresh = record is not None
        record = record or pdf.previous_pdf(booklet, variant)
    if record is None:
        context = _context(
            request,
            page,
            booklet=booklet,
            large_print=variant == BookletPdf.VARIANT_LARGE_PRINT,
            retry_url=request.get_full_path(),
        )
        response = TemplateResponse(request, "publications/pdf_preparing.html", context)
        response["Cache-Control"] = "no-store"
        response["Retry-After"] = "30"
        return response
    response = FileResponse(
        default_storage.open(record.file.name, "rb"),
        content_type="application/pdf",
        as_attachment=request.GET.get("view") != "1",
        filename=pdf.filename(booklet, variant),
    )
    # The previous edition only until the new one is ready: no cache may keep it.
    response["Cache-Control"] = "public, max-age=300" if fresh else "no-store"
    return response
