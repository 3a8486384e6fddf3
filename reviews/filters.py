"""Filters of the list of open papers (django-filter): topic, year and free text."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Paper, Topic


class PaperFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=pgettext_lazy("field label", "Search"),
        method="filter_text",
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Title, author or arXiv id")}),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"),
        field_name="topics",
        to_field_name="slug",
        queryset=Topic.objects.all(),
        empty_label=_("Any topic"),
    )
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="year", widget=forms.NumberInput(attrs={"min": 1900, "max": 2100})
    )

    class Meta:
        model = Paper
        fields = ["q", "topic", "year"]

    def filter_text(self, queryset, name, value):
        words = value.split()
        for word in words[:8]:
            queryset = queryset.filter(
                Q(title__icontains=word) | Q(authors__icontains=word) | Q(arxiv_id__icontains=word)
            )
        return queryset
