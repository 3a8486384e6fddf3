"""The archive's filters and text search over published reviews.

Search: reviews/search.py (SQLite's FTS5 index, PostgreSQL's stored tsvector with its GIN
index), one query language on both: words, "a phrase", -excluded; results best first.
A search the database cannot answer in DIGEST_SEARCH_TIMEOUT_MS stops with SearchTooBroad.
"""

import time
from contextlib import contextmanager

import django_filters
from django import forms
from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reviews import search

from . import selectors


def search_reviews(queryset, text):
    """Reviews of `queryset` that match `text`, annotated with `search_rank` (lower is better);
    `queryset` itself when `text` is blank, none when nothing in it can match a word."""
    if not (text or "").strip():
        return queryset
    return search.matching(queryset, search.parse(text))


def is_search(params):
    return bool((params.get("q") or "").strip())


class SearchTooBroad(Exception):
    """A search that the database could not answer within DIGEST_SEARCH_TIMEOUT_MS."""


@contextmanager
def full_text_planning(searching=True, *, words=True):
    """The queries run inside stop after DIGEST_SEARCH_TIMEOUT_MS with SearchTooBroad, when `searching`.

    PostgreSQL: a statement timeout, and, for a search with `words` to find, plans with bitmap
    scans only, so that the matching ids come from the GIN index before any row is read (left to
    itself the planner may walk the newest reviews one by one, testing each). A search of
    exclusions only is such a walk: the newest reviews without the words (bitmap scans read every
    published review, 1.2 s at 100,000 reviews). SQLite: a progress handler that interrupts the
    query at the deadline. Ranking a word found in nearly every review is what may take long.
    """
    if not searching:
        yield
        return
    timeout = int(settings.DIGEST_SEARCH_TIMEOUT_MS)
    if connection.vendor == "sqlite":
        with _sqlite_deadline(timeout / 1000):
            yield
        return
    from psycopg.errors import QueryCanceled

    outermost = not connection.in_atomic_block
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                bitmaps = "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; " if words else ""
                cursor.execute(f"{bitmaps}SET LOCAL statement_timeout = {timeout}")
            yield
            if outermost:
                return  # its COMMIT ends the SET LOCALs (one round trip fewer for every search)
            # Inside an outer transaction (a test's, or a caller's atomic block) the SET LOCALs
            # would last until it ends: a later query would keep the search's plans and timeout.
            with connection.cursor() as cursor:
                cursor.execute(
                    "SET LOCAL enable_seqscan TO DEFAULT; SET LOCAL enable_indexscan TO DEFAULT; "
                    "SET LOCAL statement_timeout TO DEFAULT"
                )
    except OperationalError as error:
        if isinstance(error.__cause__, QueryCanceled):
            raise SearchTooBroad from error
        raise


@contextmanager
def _sqlite_deadline(seconds):
    connection.ensure_connection()
    raw, deadline = connection.connection, time.monotonic() + seconds
    raw.set_progress_handler(lambda: time.monotonic() > deadline, 1_000)
    try:
        yield
    except OperationalError as error:
        if "interrupted" in str(error):
            raise SearchTooBroad from error
        raise
    finally:
        raw.set_progress_handler(None, 0)


class ReviewFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=pgettext_lazy("field label", "Search"),
        method="filter_text",
        max_length=200,
        help_text=_('Every word must match. Use quotes for "a phrase" and a minus to -exclude a word.'),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Words from titles, authors or reviews")}),
    )
    topic = django_filters.ChoiceFilter(
        label=_("Topic"),
        method="filter_topic",
        empty_label=_("Any topic"),
        error_messages={"invalid_choice": _("No published review has this topic: choose one from the list.")},
    )
    year = django_filters.NumberFilter(
        label=_("Year of the paper"),
        field_name="paper__year",
        min_value=1900,
        max_value=2100,
        widget=forms.NumberInput(attrs={"placeholder": _("e.g. 2019")}),
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"), choices=settings.CONTENT_LANGUAGES, empty_label=_("Any language")
    )
    series = django_filters.ChoiceFilter(
        label=_("Series"),
        method="filter_series",
        empty_label=_("Any series"),
        error_messages={"invalid_choice": _("No such series has published issues: choose one from the list.")},
    )
    reviewer = django_filters.CharFilter(
        label=_("Reviewer"),
        method="filter_reviewer",
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("Name or handle")}),
    )

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        self.choices = selectors.archive_filter_choices(getattr(request, "_digest_version", None))
        for name in ("topic", "series"):
            self.filters[name].extra["choices"] = [(slug, label) for slug, label, _pk in self.choices[name]]

    def filter_topic(self, queryset, name, value):
        return queryset.filter(paper__topics=self._pk_of("topic", value))

    def filter_series(self, queryset, name, value):
        return queryset.filter(issue_entry__issue__series=self._pk_of("series", value))

    def _pk_of(self, name, slug):
        return next(pk for choice, _label, pk in self.choices[name] if choice == slug)

    def filter_text(self, queryset, name, value):
        return search_reviews(queryset, value)

    def filter_reviewer(self, queryset, name, value):
        value = value.strip().lstrip("@")
        if not value:
            return queryset
        return queryset.filter(
            Q(reviewer__slug=value)
            | Q(reviewer__display_name__icontains=value)
            | Q(reviewer__chat_handle__iexact=value)
            | Q(reviewer__blog_handle__iexact=value)
        )
