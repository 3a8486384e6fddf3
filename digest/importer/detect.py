"""Guess what we were given: the format, the language, the period and part in the title, the series name."""

import datetime
import functools
import re

from django.utils import translation
from django.utils.dates import MONTHS, MONTHS_ALT

from ..labels import DEFAULTS, django_locale

HTML_START = re.compile(r"^\s*(<!doctype html|<html\b|<head\b|<body\b|<meta\b)", re.I)
HTML_TAG = re.compile(r"<(p|div|h[1-6]|ol|ul|li|br|section|article)\b[^>]*>", re.I)
MARKDOWN_ENTRY = re.compile(r"^#{2,3}\s+\d+\.\s+\S", re.M)
YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
SPANISH = re.compile(r"\b(de|del|los|las|el|y|para|una|artículos?|reseñas?|autores)\b|[ñ¿¡]", re.I)
ENGLISH = re.compile(r"\b(the|of|and|for|to|we|with|articles?|reviews?|authors)\b", re.I)


def detect_format(raw):
    """ "html", "markdown" or "text"."""
    head = raw[:4000]
    if HTML_START.match(head) or len(HTML_TAG.findall(head)) >= 3:
        return "html"
    first = next((line for line in raw.splitlines() if line.strip()), "")
    if first.startswith("# ") or MARKDOWN_ENTRY.search(raw):
        return "markdown"
    return "text"


def detect_language(text):
    """ru, hi, zh, es or en from the scripts and the commonest words."""
    counts = {"ru": 0, "hi": 0, "zh": 0, "latin": 0}
    for char in text:
        if "\u0400" <= char <= "\u04ff":
            counts["ru"] += 1
        elif "\u0900" <= char <= "\u097f":
            counts["hi"] += 1
        elif "\u4e00" <= char <= "\u9fff":
            counts["zh"] += 1
        elif char.isascii() and char.isalpha():
            counts["latin"] += 1
    script = max(("ru", "hi", "zh"), key=counts.get)
    if counts[script] and counts[script] >= 0.1 * counts["latin"]:
        return script
    return "es" if len(SPANISH.findall(text)) > len(ENGLISH.findall(text)) else "en"


@functools.lru_cache(maxsize=16)
def month_names(language):
    """Lower-case month name -> number, from Django's locale data for `language` (and English)."""
    names = {}
    for locale in {django_locale(language), "en"}:
        with translation.override(locale):
            for number in range(1, 13):
                for table in (MONTHS, MONTHS_ALT):
                    names[str(table[number]).casefold()] = number
    return names


def detect_period(title, language):
    """(first month, last month) named in `title`, or None: "Июль — Сентябрь 2019", "2020年4月", …"""
    if not title:
        return None
    found = [(int(year), int(month)) for year, month in re.findall(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月", title)]
    if not found:
        names = month_names(language)
        pattern = "|".join(sorted((re.escape(name) for name in names), key=len, reverse=True))
        tokens = re.finditer(rf"(?<!\w)({pattern})(?!\w)|{YEAR.pattern}", title, re.I)
        pending, years = [], []
        for token in tokens:
            if token.group(1):
                pending.append(names[token.group(1).casefold()])
            else:
                years.append(int(token.group(0)))
                found += [(years[-1], month) for month in pending]
                pending = []
        if not found and years:
            return period_from_years(years[-1:])
    if not found:
        return None
    (first_year, first_month), (last_year, last_month) = min(found), max(found)
    return datetime.date(first_year, first_month, 1), datetime.date(last_year, last_month, 1)


def detect_part(title, language):
    """The part number in the title ("Part 1", "Часть 2", "第3部分"), or None."""
    for defaults in (DEFAULTS.get(language, {}), *DEFAULTS.values()):
        pattern = re.escape(defaults.get("part_pattern", "")).replace(r"\{part\}", r"(\d{1,2})")
        if pattern and (match := re.search(pattern, title or "", re.I)):
            return int(match.group(1))
    return None


def period_from_years(years):
    """No period in the post: the whole of the latest year its papers were published in."""
    years = [year for year in years if year]
    if not years:
        return None
    year = max(years)
    return datetime.date(year, 1, 1), datetime.date(year, 12, 1)


def series_name_from_title(title, title_pattern):
    """The {name} of the series pattern in `title` ("Рубрика «{name}». {period}" -> "Читаем статьи за вас")."""
    pattern = re.escape(title_pattern)
    pattern = pattern.replace(r"\{name\}", r"(?P<name>.+?)").replace(r"\{period\}", r".+").replace(r"\{part\}", r"\d+")
    match = re.match(pattern + r"$", title or "")
    return match.group("name").strip() if match else ""
