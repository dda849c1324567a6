"""Views behind the catalogue page's routes. Thin: they read input, call basket/orders/pdf, and render."""

from django.contrib import messages
from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache

from cancerinfo.booklets.interface import BookletPage
from cancerinfo.core.throttle import ORDER
from cancerinfo.jobs.registry import enqueue_once
from cancerinfo.taxonomy.models import CancerType

from . import basket as basket_service
from . import orders, pdf
from .forms import PROFESSIONAL_LIMIT, PUBLIC_LIMIT, AddToBasketForm, BasketLineForm, CatalogueFilterForm, OrderForm
from .models import BookletPdf, Publication
from .tasks import generate_booklet_pdfs

ORDER_TOKENS_KEY = "publications_order_tokens"
PLACED_ORDERS_KEY = "publications_placed_orders"


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


@never_cache
def basket(request, page):
    errors: dict[str, str] = {}
    add_errors = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "add":
            form = AddToBasketForm(request.POST)
            if form.is_valid():
                publication = Publication.objects.filter(code=form.cleaned_data["code"].upper()).first()
                if publication is None:
                    messages.error(request, "We could not find that publication.")
                else:
                    problem = basket_service.add(
                        request.session, publication, form.cleaned_data["format"], form.cleaned_data["quantity"]
                    )
                    if problem:
                        messages.error(request, problem)
                    else:
                        messages.success(request, f"Added to your basket: {publication.title}.")
                return HttpResponseRedirect(page.route_url("basket"))
            add_errors = form.errors
        elif action in ("update", "order"):
            errors = _update_quantities(request)
            if not errors:
                if action == "order":
                    return HttpResponseRedirect(page.route_url("order"))
                messages.success(request, "Your basket has been updated.")
                return HttpResponseRedirect(page.route_url("basket"))
        elif action.startswith("remove:"):
            basket_service.set_quantity(request.session, action.removeprefix("remove:"), 0)
            messages.success(request, "Removed from your basket.")
            return HttpResponseRedirect(page.route_url("basket"))
        else:
            return HttpResponseRedirect(page.route_url("basket"))
    lines = basket_service.lines(request.session)
    for line in lines:
        line.error = errors.get(line.field_name, "")
        line.submitted = request.POST.get(line.field_name, "")[:20]
    if add_errors:
        errors = {"add": " ".join(str(e) for errs in add_errors.values() for e in errs)}
    context = _context(request, page, lines=lines, errors=errors)
    return TemplateResponse(request, "publications/basket.html", context, status=400 if errors else 200)


def _update_quantities(request) -> dict[str, str]:
    errors = {}
    updates = {}
    for line in basket_service.lines(request.session):
        form = BasketLineForm({"quantity": request.POST.get(line.field_name, line.quantity)})
        if form.is_valid():
            updates[line.key] = form.cleaned_data["quantity"]
        else:
            errors[line.field_name] = " ".join(form.errors["quantity"]) + f" ({line.publication.title})"
    if not errors:
        for key, quantity in updates.items():
            basket_service.set_quantity(request.session, key, quantity)
    return errors


def _remember_token(session, token: str) -> None:
    tokens = [t for t in session.get(ORDER_TOKENS_KEY, []) if isinstance(t, str)][-9:]
    tokens.append(token)
    session[ORDER_TOKENS_KEY] = tokens


@never_cache
def order_form(request, page):
    lines = basket_service.lines(request.session)
    problem = ""
    status = 400
    if request.method == "POST":
        token = request.POST.get("token", "")
        # A repeat of a form that was already sent (double click, refresh, back button): show that order.
        existing = orders.order_for_token(token) if token else None
        if existing is not None and existing.reference in request.session.get(PLACED_ORDERS_KEY, []):
            return HttpResponseRedirect(page.route_url("confirmation", reference=existing.reference))
        form = OrderForm(request.POST, basket_lines=lines)
        if form.is_valid() and form.cleaned_data["token"] not in request.session.get(ORDER_TOKENS_KEY, []):
            form.add_error(None, "This form has expired. Check your details and send it again.")
        if form.is_valid():
            line_problems = [f"{line.publication.title}: {line.problem}" for line in lines if line.problem]
            if not lines:
                problem = "Your basket is empty. Choose the publications you would like first."
            elif line_problems:
                problem = " ".join(line_problems) + " Change your basket, then send the form again."
            elif ORDER.blocked(request):
                problem = (
                    "We have had several orders from your connection today, which is our limit. Please try again "
                    "tomorrow, or call us if you need more copies."
                )
                status = 429
            else:
                try:
                    order, created = orders.place_order(form.cleaned_data, lines, form.is_professional)
                except orders.OrderProblem as error:
                    problem = str(error)
                else:
                    if created:
                        ORDER.record(request)
                    placed = [r for r in request.session.get(PLACED_ORDERS_KEY, []) if isinstance(r, str)][-9:]
                    request.session[PLACED_ORDERS_KEY] = [*placed, order.reference]
                    basket_service.clear(request.session)
                    if created:
                        orders.send_confirmation(order, request.build_absolute_uri(page.url))
                    return HttpResponseRedirect(page.route_url("confirmation", reference=order.reference))
        if problem:
            form.add_error(None, problem)
        # A fresh token for the next attempt keeps the form usable.
        data = request.POST.copy()
        data["token"] = OrderForm.new_token()
        _remember_token(request.session, data["token"])
        form.data = data
    else:
        form = OrderForm(initial={"token": OrderForm.new_token()}, basket_lines=lines)
        _remember_token(request.session, form.initial["token"])
        status = 200
    context = _context(request, page, form=form, lines=lines)
    return TemplateResponse(request, "publications/order_form.html", context, status=status)


@never_cache
def confirmation(request, page, reference):
    if reference not in request.session.get(PLACED_ORDERS_KEY, []):
        raise Http404("No such order in this browser")
    from .models import Order

    order = Order.objects.filter(reference=reference).prefetch_related("lines").first()
    if order is None:
        raise Http404("No such order")
    return TemplateResponse(request, "publications/confirmation.html", _context(request, page, order=order))


def _live_booklet(booklet_id: int):
    booklet = BookletPage.objects.live().public().filter(pk=booklet_id).first()
    if booklet is None:
        raise Http404("No such booklet")
    return booklet


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
