"""Keyset pagination for the API: `?after=<cursor>`, never an OFFSET, never a COUNT.

Lists ordered newest first by published_at use the archive's cursors (digest.views.paging);
lists ordered by id use the last id. `next` is the full address of the following page, or null.
"""

from django.http import Http404

from digest.archive.views.paging import keyset_page_of

PER_PAGE = 20


def next_url(request, query):
    params = request.GET.copy()
    params.pop("after", None)
    params.pop("before", None)
    key, _, value = query.partition("=")
    params[key] = value
    return request.build_absolute_uri(f"{request.path}?{params.urlencode()}")


def by_publication(request, queryset, *, rows=None):
    """A page of `queryset` newest first; returns (rows, next address or None)."""
    page = keyset_page_of(queryset, request.GET, PER_PAGE, rows=rows)
    return list(page), next_url(request, page.next_query) if page.has_next() else None


def by_id(request, queryset):
    """A page of `queryset` by ascending id; returns (rows, next address or None)."""
    after = request.GET.get("after") or "0"
    if not after.isdigit() or len(after) > 19:
        raise Http404("No such page.")
    rows = list(queryset.filter(pk__gt=int(after)).order_by("pk")[: PER_PAGE + 1])
    more = len(rows) > PER_PAGE
    rows = rows[:PER_PAGE]
    return rows, next_url(request, f"after={rows[-1].pk}") if more else None
