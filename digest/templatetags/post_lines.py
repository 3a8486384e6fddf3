"""The post's lines on the public pages, built with format strings: an issue page shows them for
every entry. A template included per entry cost half of rendering the page, and format_html
(escaping each value through conditional_escape, marking each piece safe) still a tenth: the
values here are plain text from the database and the labels, escaped once each.

    {% load post_lines %}
    {% toc_line paper %}                 "Title (affiliations, year)" as in the post's table of contents
    {% entry_lines entry labels %}        paper authors, links and review author under an entry's title
    {% toc_items entries %}               the issue page's table of contents, a list item per entry
    {% entry_sections entries labels %}   the issue page's entries: title, lines, review, links
"""

import html

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

SECTION = (
    '\n    <section class="entry" id="review-{pk}" aria-labelledby="review-{pk}-title">'
    '\n      <h2 id="review-{pk}-title">{number}. {title}</h2>'
    "\n      {lines}"
    '\n      <div class="review-body">{body}</div>'
    '\n      <p class="entry-links"><a href="{url}">{permalink}</a> · <a href="#toc-heading">{back} ↑</a></p>'
    "\n    </section>\n  "
)


@register.simple_tag
def toc_line(paper):
    """`paper`: anything with title, affiliations and year (a PostEntry, a TocLine)."""
    return mark_safe(_toc_line(paper))


def _toc_line(paper):
    details = ", ".join(part for part in (paper.affiliations or "", str(paper.year) if paper.year else "") if part)
    if not details:
        return escape(paper.title)
    return f'{escape(paper.title)} <span class="toc-source">({escape(details)})</span>'


@register.simple_tag
def toc_items(entries):
    """`<li>` of each PostEntry, linking to its section."""
    items = (f'<li><a href="#review-{entry.review.pk}">{_toc_line(entry)}</a></li>' for entry in entries)
    return mark_safe("".join(items))


@register.simple_tag
def entry_lines(entry, labels):
    """`entry`: a PostEntry (digest.export.post); the words are the exports' (Post.authors_line,
    links_line, reviewer_line); links stay relative to the site."""
    return mark_safe(_entry_lines(entry, labels))


def _entry_lines(entry, labels):
    lines = []
    if entry.authors_text:
        authors_label, authors = escape(labels["authors_label"]), escape(entry.authors_text)
        lines.append(f'<p class="paper-authors"><strong>{authors_label}:</strong> {authors}</p>')
    if entry.has_links:
        prefix = f"{escape(labels['links_prefix'])} " if labels["links_prefix"] else ""
        links = escape(labels["links_separator"]).join(_link(link) for link in entry.links)
        lines.append(f'<p class="paper-links">{prefix}{links}</p>')
    url, name = entry.reviewer_url, escape(entry.reviewer_name)
    if url:
        name = f'<a href="{escape(url)}">{name}</a>'
    handles = f" ({escape(entry.handles_text)})" if entry.handles_text else ""
    author_label = escape(labels["review_author_label"])
    lines.append(f'<p class="review-author"><strong>{author_label}:</strong> {name}{handles}</p>')
    return '<div class="post-meta">\n  ' + "\n  ".join(lines) + "\n</div>"


@register.simple_tag
def entry_sections(entries, labels):
    """A `<section>` of each PostEntry with its review's body (sanitised HTML, shown as it is)."""
    permalink, back = escape(gettext("Permalink to this review")), escape(gettext("Back to contents"))
    return mark_safe(
        "".join(
            SECTION.format(
                pk=entry.review.pk,
                number=entry.number,
                title=escape(entry.title),
                lines=_entry_lines(entry, labels),
                body=entry.review.body_html,
                url=escape(entry.review.get_absolute_url()),
                permalink=permalink,
                back=back,
            )
            for entry in entries
        )
    )


def escape(value):
    """django.utils.html.escape without its wrapper for lazy strings, which cost more than escaping."""
    return html.escape(str(value))


def _link(link):
    if not link.url:
        return escape(link.label)
    return f'<a href="{escape(link.url)}" rel="noopener nofollow">{escape(link.label)}</a>'
