"""How full an issue is against its series' target ("7 of 8–12 entries"): the hint on the issue
page and in the issue list, and the list's filter on it."""

from dataclasses import dataclass

from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.db.models import F
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

UNDER, WITHIN, OVER = "under", "within", "over"


@dataclass(frozen=True)
class Capacity:
    count: int
    low: int
    high: int

    @classmethod
    def of(cls, issue, count=None):
        """`count` defaults to the issue's `entry_count` annotation."""
        count = issue.entry_count if count is None else count
        return cls(count, issue.series.target_min_entries, issue.series.target_max_entries)

    @property
    def state(self):
        if self.count < self.low:
            return UNDER
        return OVER if self.count > self.high else WITHIN

    @property
    def label(self):
        return ngettext("%(count)s of %(low)s–%(high)s entry", "%(count)s of %(low)s–%(high)s entries", self.high) % {
            "count": self.count,
            "low": self.low,
            "high": self.high,
        }

    @property
    def advice(self):
        if self.state == UNDER:
            missing = self.low - self.count
            return ngettext("needs %(n)s more review", "needs %(n)s more reviews", missing) % {"n": missing}
        if self.state == OVER:
            extra = self.count - self.high
            return ngettext("%(n)s over the target", "%(n)s over the target", extra) % {"n": extra}
        return _("within the target")

    def badge(self):
        return format_html(
            '<span class="desk-capacity desk-capacity--{}" title="{}">{}</span>', self.state, self.advice, self.label
        )


class CapacityFilter(admin.SimpleListFilter):
    """Issues under, within or over their series' target number of entries (needs `entry_count`)."""

    title = gettext_lazy("entries")
    parameter_name = "fullness"

    def lookups(self, request, model_admin):
        return [
            (UNDER, gettext_lazy("Under the target")),
            (WITHIN, gettext_lazy("Within the target")),
            (OVER, gettext_lazy("Over the target")),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == UNDER:
            return queryset.filter(entry_count__lt=F("series__target_min_entries"))
        if value == OVER:
            return queryset.filter(entry_count__gt=F("series__target_max_entries"))
        if value == WITHIN:
            return queryset.filter(
                entry_count__gte=F("series__target_min_entries"), entry_count__lte=F("series__target_max_entries")
            )
        if value is not None:
            raise IncorrectLookupParameters(f"{self.parameter_name} must be under, within or over")
        return queryset
