"""What a page says about itself when shared (OpenGraph / Twitter cards, the meta description)."""

from django.utils.text import Truncator

from reviews.markdown import html_to_text

SUMMARY_CHARS = 200


def summary(html):
    """The first words of sanitised HTML as plain text (the template escapes it)."""
    return Truncator(html_to_text(html)).chars(SUMMARY_CHARS)
