"""The archive's filters and text search over published reviews.

Search: PostgreSQL full-text search (`simple` configuration, web-search syntax: words, "a phrase",
-excluded, "or") through the GIN index `reviews_review_search_gin`; elsewhere (SQLite) the same
syntax by containment: every word and phrase must occur in the review's search document,
excluded ones must not ("or" is PostgreSQL's only). `Review.search_document` is the casefolded
paper title, authors and body text.

On PostgreSQL the matching ids come from the GIN index first, as an array computed once, and only
then are the newest of them read (see _full_text_search and full_text_planning).
"""

import re
from contextlib import contextmanager

import django_filters
from django import forms
from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import OperationalError, connection, transaction
from django.db.models import BooleanField, F, Func, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reviews.models import Review

from . import selectors

WORD = re.compile(r"\w+")
TERM = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')  # -?"a phrase" or -?word


class EqualsAny(Func):
    """`<column> = ANY(<array>)`: a condition the planner keeps apart from the rest of the query."""

    arg_joiner = " = ANY("
    template = "%(expressions)s)"
    output_field = BooleanField()


def search_reviews(queryset, text):
    """Reviews of `queryset` whose title, authors or body match `text` (all its words)."""
    text = " ".join((text or "").split()).casefold()
    if not text:
        return queryset
    required, excluded = search_terms(text)
    if connection.vendor == "postgresql":
        return _full_text_search(queryset, text, required, excluded)
    if not (required or excluded):
        return queryset.none()
    for term in required:
        queryset = queryset.filter(search_document__contains=term)
    for term in excluded:
        queryset = queryset.exclude(search_document__contains=term)
    return queryset


def search_terms(text):
    """(required, excluded): the words and "phrases" of a search, each a string of words."""
    required, excluded = [], []
    for match in TERM.finditer(text):
        words = WORD.findall(match[2] if match[2] is not None else match[4])
        if match[2] is not None and words:
            (excluded if match[1] else required).append(" ".join(words))
        elif words != ["or"]:
            (excluded if match[3] else required).extend(words)
    return required, excluded


def _full_text_search(queryset, text, required, excluded):
    """PostgreSQL: the ids that the GIN index finds for `text`, then the rows (run it inside
    full_text_planning).

    Without phrases the index answers exactly. A phrase would make PostgreSQL parse every
    candidate's text again to check word positions (seconds for common words): the index is
    asked for the phrase's words instead, and the phrase itself is checked by containment on
    the candidates only, as on SQLite (and, as there, a search with a phrase requires all its
    terms: "or" counts only in searches without phrases).
    """
    if any(" " in term for term in [*required, *excluded]):
        words = [word for term in required for word in term.split()]
        text = " ".join([*words, *(f"-{term}" for term in excluded if " " not in term)])
        if not text:  # only excluded phrases: nothing for the index to find
            return _phrases(queryset, required, excluded)
    matching = full_text_matches(Review.objects.all(), text).order_by().values("pk")
    return _phrases(queryset.filter(EqualsAny(F("pk"), ArraySubquery(matching))), required, excluded)


class SearchTooBroad(Exception):
    """A search that PostgreSQL could not answer within DIGEST_SEARCH_TIMEOUT_MS."""


@contextmanager
def full_text_planning(searching=True):
    """PostgreSQL: plan the queries run inside with bitmap scans only, when `searching`.

    There is no stored tsvector: each review's text is parsed again wherever the planner chooses
    to test the search condition row by row (half a millisecond for a 6 KB review) instead of
    asking the GIN index, and it does so wherever a word is common: newest first until twenty
    match (300 ms for a word in one review in twenty), or over the whole table (20 to 55 s for a
    word in nearly every review, measured at 100,000 reviews). Without sequential and plain index
    scans, the GIN index is the only way to the matching ids: 0.4 ms for a rare word, 26 ms for
    one in twenty, 150 ms for one in every review. What still costs seconds (a phrase of words
    found in every review) stops after DIGEST_SEARCH_TIMEOUT_MS with SearchTooBroad. The settings
    last until the end of the transaction opened here.
    """
    if not searching or connection.vendor != "postgresql":
        yield
        return
    from psycopg.errors import QueryCanceled

    timeout = int(settings.DIGEST_SEARCH_TIMEOUT_MS)
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; "
                    f"SET LOCAL statement_timeout = {timeout}"
                )
            yield
    except OperationalError as error:
        if isinstance(error.__cause__, QueryCanceled):
            raise SearchTooBroad from error
        raise


def full_text_matches(queryset, text):
    """PostgreSQL: `queryset` filtered by exactly the indexed expression (see
    reviews/migrations/0003_review_search_index.py), so that the GIN index can answer it."""
    return queryset.alias(document=SearchVector("search_document", config="simple")).filter(
        document=SearchQuery(text, config="simple", search_type="websearch")
    )


def _phrases(queryset, required, excluded):
    """Containment of the phrases (terms of several words) among `required`, absence of those in `excluded`."""
    for phrase in required:
        if " " in phrase:
            queryset = queryset.filter(search_document__contains=phrase)
    for phrase in excluded:
        if " " in phrase:
            queryset = queryset.exclude(search_document__contains=phrase)
    return queryset


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
