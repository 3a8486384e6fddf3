"""The post as Habr's legacy editor takes it (Habr Flavored Markdown with Habr's own tags).

`<cut/>` after the table of contents; an `<anchor>` before each review, which the table of
contents links to; formulas as `$inline$…$inline$` and `$$display$$…$$display$$`; tables as HTML
(pipe tables are not reliable there); emphasis with `*` only, so underscores in words stay words.
The title is not part of the body: Habr takes it in its own field.
"""

import html

from .bodies import markdown_block, review_bodies
from .escape import escape_inline
from .markdown import link, text

SPOILER_URL = str.maketrans({char: f"%{ord(char):02X}" for char in ' <>"()\t\n'})
SPOILER_LABEL = str.maketrans({"[": "&#91;", "]": "&#93;"})


def spoiler_link(post_link):
    """A link inside <spoiler>, which a CommonMark renderer reads as raw HTML: written with entities
    and percent-escapes only, so that nothing in it can pass for a tag in either reading."""
    label = html.escape(post_link.label, quote=False).translate(SPOILER_LABEL)
    return f"[{label}]({post_link.url.translate(SPOILER_URL)})" if post_link.url else label


def render(post):
    labels = post.labels
    parts = []
    if intro := markdown_block(post.intro, "habr", post.site_url):
        parts.append(intro)
    if post.entries:
        parts.append(text(labels["toc_heading"]))
        parts.append(
            "\n".join(
                f"{entry.number}. [{escape_inline(entry.title)}](#{entry.anchor})"
                + (f" ({escape_inline(entry.details)})" if entry.details else "")
                for entry in post.entries
            )
        )
    parts.append("<cut/>")
    if post.previous:
        items = "\n".join(f"- {spoiler_link(previous)}" for previous in post.previous)
        parts.append(f'<spoiler title="{html.escape(labels["previous_heading"])}">\n{items}\n</spoiler>')
    for entry, body in zip(post.entries, review_bodies(post.entries, "habr", post.site_url), strict=True):
        parts.append(f"<anchor>{entry.anchor}</anchor>\n## {entry.number}. {text(entry.title)}")
        header = [
            text(post.authors_line(entry)),
            post.links_line(entry, link, escape_inline),
            text(post.reviewer_line(entry)),
        ]
        parts.append("\n".join(line for line in header if line))
        if body:
            parts.append(body)
    if outro := markdown_block(post.outro, "habr", post.site_url):
        parts.append(outro)
    return "\n\n".join(parts) + "\n"
