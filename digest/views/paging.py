"""Pages of a list without counting the whole list.

Django's Paginator runs COUNT(*) on every page; over the archive (100,000 reviews, any filter,
a text search) that count costs more than the page itself. A page here reads one row more than
it shows to know whether there is another one.

- `page_of`: numbered pages (?page=3), for short lists (a series' issues, one reviewer's reviews).
- `keyset_page_of`: the archive's pages continue from the last row shown (?after=… / ?before=…),
  so page 2,000 costs what page 1 costs: an index range scan, never an OFFSET over the archive.
"""

import datetime
import re

from django.http import Http404

PER_PAGE = 20
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
CURSOR = re.compile(r"(\d{1,20})\.(\d{1,20})")


class Page:
    def __init__(self, rows, *, has_previous, has_next, previous_query="", next_query="", number=None):
        self.object_list = rows
        self.number = number
        self.previous_query, self.next_query = previous_query, next_query
        self._has_previous, self._has_next = has_previous, has_next

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self):
        return len(self.object_list)

    def has_next(self):
        return self._has_next

    def has_previous(self):
        return self._has_previous

    def has_other_pages(self):
        return self._has_next or self._has_previous


def page_of(queryset, page_param, per_page=PER_PAGE):
    """Numbered page `page_param` (1 when absent) of an ordered queryset; 404 past the end or on nonsense."""
    try:
        number = int(page_param or 1)
    except (TypeError, ValueError):
        raise Http404("No such page.")
    if number < 1:
        raise Http404("No such page.")
    start = (number - 1) * per_page
    rows = list(queryset[start : start + per_page + 1])
    if number > 1 and not rows:
        raise Http404("No such page.")
    return Page(
        rows[:per_page],
        number=number,
        has_previous=number > 1,
        has_next=len(rows) > per_page,
        previous_query=f"page={number - 1}",
        next_query=f"page={number + 1}",
    )


def _cursor(row):
    delta = row.published_at - EPOCH
    micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return f"{micros}.{row.pk}"


def _parse_cursor(value):
    match = CURSOR.fullmatch(value or "")
    if not match:
        raise Http404("No such page.")
    return EPOCH + datetime.timedelta(microseconds=int(match[1])), int(match[2])


def keyset_page_of(queryset, params, per_page=PER_PAGE):
    """The page of `queryset` (ordered newest first by published_at, id) that `params` ask for."""
    if params.get("after"):  # older than the cursor
        moment, pk = _parse_cursor(params["after"])
        older = queryset.filter(published_at__lte=moment).exclude(published_at=moment, pk__gte=pk)
        rows = list(older.order_by("-published_at", "-pk")[: per_page + 1])
        has_previous, has_next = True, len(rows) > per_page
        rows = rows[:per_page]
    elif params.get("before"):  # newer than the cursor
        moment, pk = _parse_cursor(params["before"])
        newer = queryset.filter(published_at__gte=moment).exclude(published_at=moment, pk__lte=pk)
        rows = list(newer.order_by("published_at", "pk")[: per_page + 1])
        has_previous, has_next = len(rows) > per_page, True
        rows = rows[:per_page][::-1]
    else:
        rows = list(queryset.order_by("-published_at", "-pk")[: per_page + 1])
        has_previous, has_next = False, len(rows) > per_page
        rows = rows[:per_page]
    if not rows and (params.get("after") or params.get("before")):
        raise Http404("No such page.")
    return Page(
        rows,
        has_previous=has_previous,
        has_next=has_next,
        previous_query=f"before={_cursor(rows[0])}" if rows else "",
        next_query=f"after={_cursor(rows[-1])}" if rows else "",
    )
