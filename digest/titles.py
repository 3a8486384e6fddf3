"""The period and the title of an issue, from the series pattern and Django's locale data."""

from django.utils import dateformat, translation
from django.utils.formats import get_format
from django.utils.text import capfirst

from .labels import django_locale, labels_for

PERIOD_DASH = " — "


def format_period(start, end, language, period_format=""):
    """ "Июль — Сентябрь 2019", "April 2020", "Abril de 2020", "December 2017 — January 2018"."""
    with translation.override(django_locale(language)):
        fmt = period_format or get_format("YEAR_MONTH_FORMAT")
        if (start.year, start.month) == (end.year, end.month):
            text = dateformat.format(start, fmt)
        elif start.year == end.year and fmt.startswith("F"):
            text = dateformat.format(start, "F") + PERIOD_DASH + dateformat.format(end, fmt)
        else:
            text = dateformat.format(start, fmt) + PERIOD_DASH + dateformat.format(end, fmt)
    return capfirst(text)


def issue_title(issue, labels=None):
    labels = labels or labels_for(issue.series)
    period = format_period(issue.period_start, issue.period_end, issue.series.language, labels["period_format"])
    pattern = labels["title_pattern"]
    title = pattern.format(name=issue.series.name, period=period, part=issue.part or "")
    if issue.part and "{part}" not in pattern:
        title = f"{title}. {labels['part_pattern'].format(part=issue.part)}"
    return title
