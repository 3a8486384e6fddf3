"""Default labels of the post format per language; a series overrides any of them.

Month names and year-month formats are not here: they come from Django's locale data
(see digest/titles.py).
"""

LABEL_FIELDS = (
    "title_pattern",
    "part_pattern",
    "period_format",
    "toc_heading",
    "previous_heading",
    "authors_label",
    "original_label",
    "links_prefix",
    "links_separator",
    "review_author_label",
    "chat_label",
    "blog_label",
)

COMMON = {
    "title_pattern": "{name}. {period}",
    "period_format": "",
    "links_prefix": "→",
    "links_separator": " :: ",
}

DEFAULTS = {
    "ru": {
        **COMMON,
        "title_pattern": "Рубрика «{name}». {period}",
        "part_pattern": "Часть {part}",
        "period_format": "F Y",
        "toc_heading": "Статьи на сегодня:",
        "previous_heading": "Ссылки на прошлые подборки серии:",
        "authors_label": "Авторы статьи",
        "original_label": "Оригинал статьи",
        "review_author_label": "Автор обзора",
        "chat_label": "в слэке",
        "blog_label": "на хабре",
    },
    "en": {
        **COMMON,
        "part_pattern": "Part {part}",
        "toc_heading": "Articles for today:",
        "previous_heading": "Links to past collections of the series:",
        "authors_label": "Authors",
        "original_label": "Original article",
        "review_author_label": "Review author",
        "chat_label": "in Slack",
        "blog_label": "on Habr",
    },
    "es": {
        **COMMON,
        "part_pattern": "Parte {part}",
        "toc_heading": "Artículos de hoy:",
        "previous_heading": "Enlaces a las recopilaciones anteriores de la serie:",
        "authors_label": "Autores del artículo",
        "original_label": "Artículo original",
        "review_author_label": "Autor de la reseña",
        "chat_label": "en Slack",
        "blog_label": "en Habr",
    },
    "hi": {
        **COMMON,
        "part_pattern": "भाग {part}",
        "toc_heading": "आज के लेख:",
        "previous_heading": "श्रृंखला के पिछले संग्रहों के लिंक:",
        "authors_label": "लेख के लेखक",
        "original_label": "मूल लेख",
        "review_author_label": "समीक्षा के लेखक",
        "chat_label": "Slack पर",
        "blog_label": "Habr पर",
    },
    "zh": {
        **COMMON,
        "part_pattern": "第{part}部分",
        "toc_heading": "今日论文：",
        "previous_heading": "本系列往期链接：",
        "authors_label": "论文作者",
        "original_label": "原文",
        "review_author_label": "评论作者",
        "chat_label": "Slack",
        "blog_label": "Habr",
    },
}

# Django's locale for each content language (month names, YEAR_MONTH_FORMAT).
DJANGO_LOCALE = {"zh": "zh-hans"}


def defaults_for(language):
    return DEFAULTS.get(language, DEFAULTS["en"])


def labels_for(series):
    """Every label of the post format for a series: its own where set, else the language default."""
    defaults = defaults_for(series.language)
    return {field: getattr(series, field) or defaults[field] for field in LABEL_FIELDS}


def django_locale(language):
    return DJANGO_LOCALE.get(language, language)
