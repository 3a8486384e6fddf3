"""The archive of reviews (filters and search), review pages and reviewer pages."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from reviews import search
from reviews.models import Reviewer

from ...export.post import entry_for_review
from ...labels import defaults_for, labels_for
from ...release import release_digest
from ...titles import issue_title
from .. import freshness, selectors
from ..filters import ReviewFilter, SearchTooBroad, full_text_planning, is_search
from ..paths import path_to
from ..rows import review_row
from .conditional import conditional
from .page_cache import render_page, rendered_rows
from .paging import PER_PAGE, Page, keyset_page_of, numbered_page, page_number, page_of
from .share import summary

CURSORS = ("after", "before", "page")  # "page": a search's results, best first, are numbered pages
TOO_BROAD = _("This search matches too many reviews to sort in time: add a rarer word, or leave out a phrase.")


@conditional(freshness.publications_version)
def review_list(request):
    """The archive reads its filters and a cursor, nothing else. First pages (no cursor) are
    cached; later pages are cheap keyset ranges (or a search's further results) and crawlers
    would only fill the cache with them."""
    reads = [*ReviewFilter.base_filters, *CURSORS]
    later_page = any(request.GET.get(cursor) for cursor in CURSORS)
    return render_page(
        request, "digest/review_list.html", lambda: archive_context(request), reads=reads, cache=not later_page
    )


def archive_context(request):
    params = request.GET.copy()
    for name in list(params):
        if name not in ReviewFilter.base_filters:
            del params[name]
    filters = ReviewFilter(params or None, queryset=selectors.archive_reviews(), request=request)
    page, rows, cacheable = Page([], has_previous=False, has_next=False), [], True
    if not filters.is_bound or filters.is_valid():
        try:
            searching = filters.is_bound and is_search(filters.form.cleaned_data)
            words = searching and bool(search.parse(filters.form.cleaned_data["q"]).required)
            with full_text_planning(searching, words=words):
                if searching:  # best first: the page's ids, and the rows no other list showed read
                    page = search_page(filters, request.GET.get("page"))
                    rows = rendered_rows(
                        request, review_row, page.object_list, read=selectors.archive_rows, show_reviewer=True
                    )
                else:
                    page = keyset_page_of(filters.qs, request.GET, rows=selectors.archive_rows)
                    rows = rendered_rows(request, review_row, page.object_list, show_reviewer=True)
        except SearchTooBroad:
            filters.form.add_error("q", TOO_BROAD)
            cacheable = False  # a busier moment than usual may be the reason: ask again next time
    return {
        "page_cache": cacheable,
        "filters": filters,
        "page": page,
        "rows": rows,
        "query": params.urlencode(),
        # The filters' choices and values (not the search words): the grid of selects is kept under it.
        "filters_key": filters_key(request, params),
        "is_filtered": any(value.strip() for _name, value in params.items()),
    }


def search_page(filters, page_param, per_page=PER_PAGE):
    """The page of a search's results asked for, best first: the ids of its reviews."""
    number = page_number(page_param)
    start = (number - 1) * per_page
    query = search.parse(filters.form.cleaned_data["q"])
    ids, cut = search.best_first(filters.qs, query, start, start + per_page + 1)
    page = numbered_page(ids, number, per_page)
    page.ranked, page.cut, page.window = True, cut, search.RANK_WINDOW
    return page


def filters_key(request, params):
    """What the archive's grid of filters shows: the release, the page's version (the choices
    follow what is published), the language, and the values chosen, with the errors they carry."""
    version = getattr(request, "_digest_version", None)
    chosen = sorted((name, params.getlist(name)) for name in params if name != "q")
    return repr((release_digest(), version.token if version else None, get_language(), chosen))


@conditional(freshness.review_version)
def review_detail(request, pk):
    return render_page(request, "digest/review_detail.html", lambda: review_context(request, pk))


def review_context(request, pk):
    review = selectors.published_review(pk)
    if review is None:
        raise Http404("No published review here.")
    issue = selectors.public_issue_of(review)
    labels = labels_for(issue.series) if issue else defaults_for(review.language)
    # The page's addresses from paths.path_to: reverse() with an argument costs it ~50 µs each.
    translations = selectors.review_translations(review)
    return {
        "review": review,
        "paper": review.paper,
        "entry": entry_for_review(review, labels),
        "issue": issue,
        "issue_url": path_to("issue_detail", issue.slug) if issue else "",
        "issue_title": issue_title(issue, labels) if issue else "",  # shown twice: worded once
        "labels": labels,
        "translations": [(path_to("review_detail", other.pk), other) for other in translations],
        "canonical_url": request.build_absolute_uri(path_to("review_detail", review.pk)),
        "description": summary(review.body_html),
    }


@conditional(freshness.reviewer_version)
def reviewer_detail(request, slug):
    def context():
        reviewer = get_object_or_404(Reviewer, slug=slug)
        page = page_of(selectors.reviews_by(reviewer), request.GET.get("page"))
        if not page.object_list:
            raise Http404("This reviewer has no published reviews.")
        rows = rendered_rows(request, review_row, page.object_list, show_reviewer=False)
        return {"reviewer": reviewer, "page": page, "rows": rows}

    return render_page(request, "digest/reviewer_detail.html", context, reads=["page"])
