"""Pages of a list without counting the whole list.

Django's Paginator runs COUNT(*) on every page; over the archive (100,000 reviews, any filter,
a text search) that count costs more than the page itself. A page here reads one row more than
it shows to know whether there is another one.

- `page_of`: numbered pages (?page=3), for short lists (a series' issues, one reviewer's reviews).
- `keyset_page_of`: the archive's pages continue from the last row shown (?after=… / ?before=…),
  so page 2,000 costs what page 1 costs: an index range scan, never an OFFSET over the archive.
  With `rows`, the page's ids are found first and only those rows are then read with their
  joins: a filter or a search that matches thousands of reviews joins papers, reviewers and
  issues for twenty of them, not for all of them before sorting.
"""

import datetime
import re

from django.http import Http404

PER_PAGE = 20
MAX_PAGE = 1_000_000  # past any real list; larger numbers overflow the database's integers (500 before)
MAX_ID = 2**63 - 1
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


def page_of(queryset, page_param, per_page=PER_PAGE, *, rows=None):
    """Numbered page `page_param` (1 when absent) of an ordered queryset; 404 past the end or on nonsense.

    `rows(ids)`, when given, reads the rows of those ids (as in keyset_page_of)."""
    number = page_number(page_param)
    start = (number - 1) * per_page
    return numbered_page(_read(queryset[start : start + per_page + 1], rows), number, per_page)


def page_number(page_param):
    """The page number asked for (1 when absent); 404 on nonsense."""
    try:
        number = int(page_param or 1)
    except (TypeError, ValueError):
        raise Http404("No such page.")
    if not 1 <= number <= MAX_PAGE:
        raise Http404("No such page.")
    return number


def numbered_page(found, number, per_page=PER_PAGE):
    """Page `number` of the rows `found` from its first row on (one more than a page, if there is one)."""
    if number > 1 and not found:
        raise Http404("No such page.")
    return Page(
        found[:per_page],
        number=number,
        has_previous=number > 1,
        has_next=len(found) > per_page,
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
    try:
        moment, pk = EPOCH + datetime.timedelta(microseconds=int(match[1])), int(match[2])
    except OverflowError:  # past year 9999
        raise Http404("No such page.")
    if pk > MAX_ID:
        raise Http404("No such page.")
    return moment, pk


def keyset_page_of(queryset, params, per_page=PER_PAGE, *, rows=None):
    """The page of `queryset` (ordered newest first by published_at, id) that `params` ask for.

    `rows(ids)`, when given, reads the rows of those ids (a queryset): `queryset` then only
    finds them.
    """
    if params.get("after"):  # older than the cursor
        moment, pk = _parse_cursor(params["after"])
        older = queryset.filter(published_at__lte=moment).exclude(published_at=moment, pk__gte=pk)
        found = _read(older.order_by("-published_at", "-pk")[: per_page + 1], rows)
        has_previous, has_next = True, len(found) > per_page
        found = found[:per_page]
    elif params.get("before"):  # newer than the cursor
        moment, pk = _parse_cursor(params["before"])
        newer = queryset.filter(published_at__gte=moment).exclude(published_at=moment, pk__lte=pk)
        found = _read(newer.order_by("published_at", "pk")[: per_page + 1], rows)
        has_previous, has_next = len(found) > per_page, True
        found = found[:per_page][::-1]
    else:
        found = _read(queryset.order_by("-published_at", "-pk")[: per_page + 1], rows)
        has_previous, has_next = False, len(found) > per_page
        found = found[:per_page]
    if not found and (params.get("after") or params.get("before")):
        raise Http404("No such page.")
    return Page(
        found,
        has_previous=has_previous,
        has_next=has_next,
        previous_query=f"before={_cursor(found[0])}" if found else "",
        next_query=f"after={_cursor(found[-1])}" if found else "",
    )


def _read(window, rows):
    """The rows of an ordered, sliced queryset; through `rows(ids)` when given (ids first)."""
    if rows is None:
        return list(window)
    return rows_in_order(list(window.values_list("pk", flat=True)), rows)


def rows_in_order(ids, rows):
    """The rows `rows(ids)` reads, in the order of `ids` (the ids whose rows are gone left out)."""
    by_id = {row.pk: row for row in rows(ids)} if ids else {}
    return [by_id[pk] for pk in ids if pk in by_id]
