"""Issue titles and periods come from the series pattern and Django's locale data."""

import datetime

import pytest

from digest.titles import format_period, issue_title
from tests.factories import IssueFactory, SeriesFactory

D = datetime.date


@pytest.mark.parametrize(
    ("start", "end", "language", "fmt", "expected"),
    [
        (D(2019, 7, 1), D(2019, 9, 1), "ru", "F Y", "Июль — Сентябрь 2019"),
        (D(2020, 4, 1), D(2020, 4, 1), "en", "", "April 2020"),
        (D(2020, 4, 1), D(2020, 4, 1), "es", "", "Abril de 2020"),
        (D(2019, 7, 1), D(2019, 9, 1), "es", "", "Julio — septiembre de 2019"),
        (D(2017, 12, 1), D(2018, 1, 1), "en", "", "December 2017 — January 2018"),
        (D(2020, 4, 1), D(2020, 4, 1), "hi", "", "अप्रैल 2020"),
        (D(2020, 4, 1), D(2020, 5, 1), "zh", "", "2020年4月 — 2020年5月"),
    ],
)
def test_format_period(start, end, language, fmt, expected):
    assert format_period(start, end, language, fmt) == expected


@pytest.mark.django_db
def test_russian_title_with_range_uses_series_pattern():
    series = SeriesFactory(name="Читаем статьи за вас", language="ru")
    issue = IssueFactory(series=series, period_start=D(2019, 7, 1), period_end=D(2019, 9, 1))
    assert issue_title(issue) == "Рубрика «Читаем статьи за вас». Июль — Сентябрь 2019"


@pytest.mark.django_db
def test_english_title_with_part():
    series = SeriesFactory(name="Reading articles for you", language="en")
    issue = IssueFactory(series=series, period_start=D(2020, 4, 1), period_end=D(2020, 4, 1), part=1)
    assert str(issue) == "Reading articles for you. April 2020. Part 1"


@pytest.mark.django_db
def test_series_labels_override_language_defaults():
    series = SeriesFactory(name="Paper club", language="en", title_pattern="{name} — {period} (#{part})")
    issue = IssueFactory(series=series, period_start=D(2021, 2, 1), period_end=D(2021, 2, 1), part=3)
    assert str(issue) == "Paper club — February 2021 (#3)"
