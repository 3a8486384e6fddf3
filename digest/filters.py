"""The archive's filters and text search over published reviews.

Search: PostgreSQL full-text search (`simple` configuration, web-search syntax: words, "a phrase",
-excluded) through the GIN index `reviews_review_search_gin`; elsewhere (SQLite) the same syntax by
containment: every word and phrase must occur in the review's search document, excluded ones must
not ("or" is PostgreSQL's only). `Review.search_document` is the casefolded paper title, authors
and body text.
"""

import re

import django_filters
from django import forms
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import selectors

WORD = re.compile(r"\w+")
TERM = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')  # -?"a phrase" or -?word


def search_reviews(queryset, text):
    """Reviews of `queryset` whose title, authors or body match `text` (all its words)."""
    text = " ".join((text or "").split()).casefold()
    if not text:
        return queryset
    if connection.vendor == "postgresql":
        # Exactly the indexed expression (see reviews/migrations/0003_review_search_index.py).
        return queryset.alias(document=SearchVector("search_document", config="simple")).filter(
            document=SearchQuery(text, config="simple", search_type="websearch")
        )
    required, excluded = [], []
    for match in TERM.finditer(text):
        words = WORD.findall(match[2] if match[2] is not None else match[4])
        if match[2] is not None and words:
            (excluded if match[1] else required).append(" ".join(words))
        elif words != ["or"]:
            (excluded if match[3] else required).extend(words)
    if not (required or excluded):
        return queryset.none()
    for term in required:
        queryset = queryset.filter(search_document__contains=term)
    for term in excluded:
        queryset = queryset.exclude(search_document__contains=term)
    return queryset


class ReviewFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=pgettext_lazy("field label", "Search"),
        method="filter_text",
        max_length=200,
        help_text=_('Every word must match. Use quotes for "a phrase" and a minus to -exclude a word.'),
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Words from titles, authors or reviews")}),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        field_name="paper__topics",
        queryset=selectors.public_topics(),
        to_field_name="slug",
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
    series = django_filters.ModelChoiceFilter(
        label=_("Series"),
        field_name="issue_entry__issue__series",
        queryset=selectors.public_series(),
        to_field_name="slug",
        empty_label=_("Any series"),
        error_messages={"invalid_choice": _("No such series has published issues: choose one from the list.")},
    )
    reviewer = django_filters.CharFilter(
        label=_("Reviewer"),
        method="filter_reviewer",
        max_length=200,
        widget=forms.TextInput(attrs={"placeholder": _("Name or handle")}),
    )

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
