"""The post as a clean, sanitised HTML fragment, and as a standalone page.

Formulas are MathML (`math="mathml"`, the export: no JavaScript needed) or the stored KaTeX spans
(`math="katex"`, the admin preview, typeset by the KaTeX in static/). Bodies come from the HTML
stored on save; everything written here goes through reviews.markdown.sanitize_html.
The fragment has no title (a blog editor has its own field for it); the page does.
"""

import re

from django.template.loader import render_to_string
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe

from reviews.markdown import sanitize_html

from .bodies import markdown_block, review_bodies


def link(post_link):
    if post_link.url:
        return format_html('<a href="{}">{}</a>', post_link.url, post_link.label)
    return escape(post_link.label)


def _toc(post):
    items = format_html_join(
        "",
        '<li><a href="#{}">{}</a>{}</li>',
        ((entry.anchor, entry.title, f" ({entry.details})" if entry.details else "") for entry in post.entries),
    )
    return format_html("<p>{}</p>\n<ol>{}</ol>", post.labels["toc_heading"], items)


def _previous(post):
    items = format_html_join("", "<li>{}</li>", ((link(previous),) for previous in post.previous))
    return format_html("<p>{}</p>\n<ul>{}</ul>", post.labels["previous_heading"], items)


def _header(post, entry):
    lines = [escape(post.authors_line(entry)), post.links_line(entry, link, escape), escape(post.reviewer_line(entry))]
    return format_html(
        '<h2><a id="{}" href="#{}">{}. {}</a></h2>\n<p>{}</p>',
        entry.anchor,
        entry.anchor,
        entry.number,
        entry.title,
        mark_safe("<br>\n".join(line for line in lines if line)),  # each part escaped above
    )


MARK = "\ue000"  # a private-use character: marks where a ready part goes while the rest is sanitised
MARKED = re.compile(f"{MARK}(\\d+){MARK}")


def fragment(post, *, math="mathml"):
    """Contents and header lines (built here) are sanitised in one pass; the intro, the bodies and
    the outro are sanitised already (rendered or converted once, stored or cached) and go in after."""
    kind = "mathml" if math == "mathml" else "html"
    ready, parts = [], []

    def put_ready(html):
        if html.strip():
            parts.append(f"{MARK}{len(ready)}{MARK}")
            ready.append(html.strip())

    put_ready(markdown_block(post.intro, kind, post.site_url))
    if post.entries:
        parts.append(_toc(post).replace(MARK, ""))
    if post.previous:
        parts.append(_previous(post).replace(MARK, ""))
    for entry, body in zip(post.entries, review_bodies(post.entries, kind, post.site_url), strict=True):
        parts.append(_header(post, entry).replace(MARK, ""))
        put_ready(body)
    put_ready(markdown_block(post.outro, kind, post.site_url))
    return MARKED.sub(lambda match: ready[int(match.group(1))], sanitize_html("\n".join(parts))) + "\n"


def render(post, *, standalone=False, math="mathml"):
    body = fragment(post, math=math)
    if not standalone:
        return body
    context = {"title": post.title, "language": post.language, "fragment": mark_safe(body)}  # sanitised above
    return render_to_string("digest/export/standalone.html", context)
