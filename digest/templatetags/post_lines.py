"""The post's lines on the public pages, built with format_html: an issue page shows them for
every entry, and a template included per entry cost half of rendering the page.

    {% load post_lines %}
    {% toc_line paper %}           "Title (affiliations, year)" as in the post's table of contents
    {% entry_lines entry labels %}  paper authors, links and review author under an entry's title
"""

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag
def toc_line(paper):
    """`paper`: anything with title, affiliations and year (a PostEntry, a TocLine)."""
    details = ", ".join(part for part in (paper.affiliations or "", str(paper.year) if paper.year else "") if part)
    if not details:
        return format_html("{}", paper.title)
    return format_html('{} <span class="toc-source">({})</span>', paper.title, details)


@register.simple_tag
def entry_lines(entry, labels):
    """`entry`: a PostEntry (digest.export.post); the words are the exports' (Post.authors_line,
    links_line, reviewer_line); links stay relative to the site."""
    lines = []
    if entry.authors_text:
        lines.append(
            format_html(
                '<p class="paper-authors"><strong>{}:</strong> {}</p>', labels["authors_label"], entry.authors_text
            )
        )
    if entry.has_links:
        prefix = format_html("{} ", labels["links_prefix"]) if labels["links_prefix"] else ""
        links = format_html_join(labels["links_separator"], "{}", ((_link(link),) for link in entry.links))
        lines.append(format_html('<p class="paper-links">{}{}</p>', prefix, links))
    name = format_html('<a href="{}">{}</a>', entry.reviewer_url, entry.reviewer_name) if entry.reviewer_url else None
    handles = format_html(" ({})", entry.handles_text) if entry.handles_text else ""
    lines.append(
        format_html(
            '<p class="review-author"><strong>{}:</strong> {}{}</p>',
            labels["review_author_label"],
            name or entry.reviewer_name,
            handles,
        )  # fmt: skip
    )
    return format_html(
        '<div class="post-meta">\n  {}\n</div>', format_html_join("\n  ", "{}", ((line,) for line in lines))
    )


def _link(link):
    if not link.url:
        return format_html("{}", link.label)
    return format_html('<a href="{}" rel="noopener nofollow">{}</a>', link.url, link.label)
