"""Open papers (list, detail, claim) and proposing a paper from arXiv or by hand."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import arxiv, rules, services
from ..enums import ACTIVE_ASSIGNMENT, PaperStatus, ReviewStatus
from ..filters import PaperFilter
from ..forms import ClaimForm, PaperForm, PaperLinkFormSet
from ..models import Assignment, Paper, Review, Topic, parse_arxiv_id
from ..throttle import limited, retry_message

PAGE_SIZE = 20


@login_required
def paper_list(request):
    papers = Paper.objects.open().prefetch_related("topics").order_by("-created_at", "-id")
    filters = PaperFilter(request.GET or None, queryset=papers)
    page = Paginator(filters.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "filter": filters,
        "page": page,
        "query": query.urlencode(),
        "is_filtered": any(request.GET.get(name) for name in filters.filters),
        "has_topics": Topic.objects.exists(),
    }
    return render(request, "reviews/paper_list.html", context)


def _paper_or_404(request, pk):
    papers = Paper.objects.prefetch_related(
        "topics",
        "links",
        Prefetch(
            "assignments",
            queryset=Assignment.objects.filter(status__in=ACTIVE_ASSIGNMENT).select_related("reviewer"),
            to_attr="active_assignments",
        ),
        Prefetch(
            "reviews",
            queryset=Review.objects.exclude(status=ReviewStatus.WITHDRAWN).select_related("reviewer"),
            to_attr="live_reviews",
        ),
    )
    paper = get_object_or_404(papers, pk=pk)
    if paper.status == PaperStatus.REJECTED and not rules.is_editor(request.user):
        raise Http404("This paper was turned down.")
    return paper


@login_required
def paper_detail(request, pk):
    paper = _paper_or_404(request, pk)
    is_open = paper.status == PaperStatus.PROPOSED and not paper.active_assignments and not paper.live_reviews
    context = {
        "paper": paper,
        "is_open": is_open,
        "claim_form": ClaimForm() if rules.is_editor(request.user) else None,
        "is_editor": rules.is_editor(request.user),
        "published_reviews": [r for r in paper.live_reviews if r.status == ReviewStatus.PUBLISHED],
    }
    return render(request, "reviews/paper_detail.html", context)


@login_required
@require_POST
def paper_claim(request, pk):
    paper = get_object_or_404(Paper, pk=pk)
    form = ClaimForm(request.POST)
    due_date = form.cleaned_data["due_date"] if form.is_valid() else None
    if due_date and not rules.is_editor(request.user):
        raise PermissionDenied
    try:
        assignment, review = services.claim_and_start_review(
            paper,
            reviewer=services.reviewer_for_user(request.user),
            by=request.user,
            due_date=due_date,
            language=services.content_language(get_language()),
        )
    except services.WorkflowError as error:
        messages.error(request, error.messages[0])
        return redirect("paper_detail", pk=paper.pk)
    messages.success(
        request,
        _("The paper is yours. The review is due on %(date)s; your draft is saved as you type.")
        % {"date": date_format(assignment.due_date, "DATE_FORMAT")},
    )
    return redirect("review_edit", pk=review.pk)


def _as_initial(form):
    """The values a bound form shows, as initial data for an unbound one (errors not shown yet)."""
    return {name: form[name].value() for name in form.fields}


@login_required
@require_GET
def paper_duplicates(request):
    """While the proposal form is filled in: papers with the typed arXiv id or title, and the arXiv link.

    JSON for static/js/paper-form.js: {"duplicates": [{"title", "url", "year", "arxiv_id"}], "original_url"}.
    """
    arxiv_id = parse_arxiv_id(request.GET.get("arxiv", ""))
    title = request.GET.get("title", "")[:500]
    found = services.find_duplicates(title=title, arxiv_id=arxiv_id).order_by("created_at", "pk")[:5]
    duplicates = [
        {"title": p.title, "url": reverse("paper_detail", args=[p.pk]), "year": p.year, "arxiv_id": p.arxiv_id}
        for p in found
    ]
    return JsonResponse({"duplicates": duplicates, "original_url": arxiv.abstract_url(arxiv_id)})


@login_required
def paper_propose(request):
    form = PaperForm(request.POST or None)
    links = PaperLinkFormSet(request.POST or None, prefix="links")
    fetch_error = fetched = None
    status = 200
    duplicates = []
    if request.method == "POST" and "fetch" in request.POST:
        values = _as_initial(form)
        try:
            if limited(request, "arxiv"):
                status = 429
                raise arxiv.ArxivError(retry_message())
            fetched = arxiv.fetch_paper(request.POST.get("arxiv", ""))
        except arxiv.ArxivError as error:
            fetch_error = str(error)
            if arxiv_id := parse_arxiv_id(request.POST.get("arxiv", "")):  # unreachable: the id alone gives the link
                values.update(arxiv=arxiv_id, original_url=values.get("original_url") or arxiv.abstract_url(arxiv_id))
                duplicates = list(services.find_duplicates(arxiv_id=arxiv_id)[:5])
        else:
            found = fetched.as_form_data()
            values.update({key: value for key, value in found.items() if key != "arxiv_id"}, arxiv=found["arxiv_id"])
        form = PaperForm(initial=values)
        if fetched:
            duplicates = list(services.find_duplicates(title=fetched.title, arxiv_id=fetched.arxiv_id)[:5])
    elif request.method == "POST" and form.is_valid() and links.is_valid():
        data = form.cleaned_data
        duplicates = list(services.find_duplicates(title=data["title"], arxiv_id=data["arxiv"])[:5])
        if duplicates and not data["confirm_duplicate"]:
            messages.warning(request, _("This paper may have been proposed already. Check before going on."))
        else:
            try:
                paper = services.propose_paper(
                    by=request.user,
                    title=data["title"],
                    authors=data["authors"],
                    affiliations=data["affiliations"],
                    year=data["year"],
                    original_url=data["original_url"],
                    arxiv_id=data["arxiv"],
                    topics=data["topics"],
                    links=[
                        (link["kind"], link["label"], link["url"])
                        for link in links.cleaned_data
                        if link and link.get("url") and not link.get("DELETE")
                    ],
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error("arxiv" if field == "arxiv_id" else None, errors)
            else:
                messages.success(request, _("Thank you! “%(title)s” is on the list of open papers.") % {"title": paper})
                return redirect("paper_detail", pk=paper.pk)
    context = {
        "form": form,
        "links": links,
        "fetch_error": fetch_error,
        "fetched": fetched,
        "duplicates": duplicates,
    }
    return render(request, "reviews/paper_form.html", context, status=status)
