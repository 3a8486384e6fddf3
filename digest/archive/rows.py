"""A review's row in the public lists (the archive, a search's results, a reviewer's page), as HTML.

Built with format_html rather than a template: most searches show rows no other list showed
since the last publication, and rendering a template of nine tags twenty times was a third of
such a search's time (about 0.7 ms a row against 0.15-0.2).
"""

from django.core.exceptions import ObjectDoesNotExist
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.timezone import localtime
from django.utils.translation import gettext

AUTHORS_LENGTH = 120


def review_row(review, *, show_reviewer):
    """The `<li class="review-row">` of a published review (with its paper, reviewer and issue read)."""
    paper, published = review.paper, localtime(review.published_at)
    source = Truncator(paper.authors).chars(AUTHORS_LENGTH)
    year = format_html(" ({})", paper.year) if paper.year else ""
    reviewer = (
        format_html('<a href="{}">{}</a>', review.reviewer.get_absolute_url(), review.reviewer.display_name)
        if show_reviewer
        else ""
    )
    return format_html(
        '<li class="review-row">\n'
        '  <a class="review-title" href="{}" lang="{}">{}</a>\n'
        '  <span class="review-source muted">{}{}</span>\n'
        '  <span class="review-meta muted">\n'
        "    {}\n"
        "    {}\n"
        '    <time datetime="{}">{}</time>\n'
        '    <span class="badge" title="{}">{}</span>\n'
        "  </span>\n"
        "</li>",
        review.get_absolute_url(), review.language, paper.title,
        source, year,
        reviewer,
        _issue_link(review),
        published.isoformat(), date_format(published, "DATE_FORMAT"),
        gettext("Language"), review.get_language_display(),
    )  # fmt: skip


def _issue_link(review):
    try:
        issue = review.issue_entry.issue
    except ObjectDoesNotExist:
        return ""
    if not issue.is_published:
        return ""
    return format_html('<a href="{}">{}</a>', issue.get_absolute_url(), issue)
