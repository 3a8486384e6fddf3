"""What a page says about itself when shared (OpenGraph / Twitter cards, the meta description)."""

from django.utils.text import Truncator

from reviews.markdown import html_to_text

SUMMARY_CHARS = 200


def summary(html):
    """The first words of sanitised HTML as plain text (the template escapes it).

    Only the beginning of a long body is read (cut after a tag): enough text for the summary,
    without parsing the whole review on every page that is not in the cache."""
    head = html[: html.rfind(">", 0, SUMMARY_CHARS * 20) + 1] if len(html) > SUMMARY_CHARS * 20 else html
    text = html_to_text(head)
    if len(text) <= SUMMARY_CHARS and head != html:
        text = html_to_text(html)
    return Truncator(text).chars(SUMMARY_CHARS)
