"""The post as CommonMark + GFM tables, formulas as `$…$` and `$$…$$` (bodies exported as written)."""

from .bodies import markdown_block, review_bodies
from .convert import Converter
from .escape import escape_block_start, escape_inline

HARD_BREAK = "\\\n"
OUTRO_RULE = "* * *"  # a thematic break, written so that reviews' own "---" rules are not mistaken for it


def text(value):
    return escape_block_start(escape_inline(value))


def link(post_link):
    label = escape_inline(post_link.label).replace("[", "\\[")
    return f"[{label}]({Converter.destination(post_link.url)})" if post_link.url else escape_inline(post_link.label)


def render(post):
    labels = post.labels
    parts = [f"# {escape_inline(post.title)}"]
    if intro := markdown_block(post.intro, "markdown", post.site_url):
        parts.append(intro)
    if post.entries:
        parts.append(text(labels["toc_heading"]))
        parts.append("\n".join(f"{entry.number}. {escape_inline(entry.toc_line)}" for entry in post.entries))
    if post.previous:
        parts.append(text(labels["previous_heading"]))
        parts.append("\n".join(f"- {link(previous)}" for previous in post.previous))
    for entry, body in zip(post.entries, review_bodies(post.entries, "markdown", post.site_url), strict=True):
        parts.append(f"## {entry.number}. {escape_inline(entry.title)}")
        header = [
            text(post.authors_line(entry)),
            post.links_line(entry, link, escape_inline),
            text(post.reviewer_line(entry)),
        ]
        parts.append(HARD_BREAK.join(line for line in header if line))
        if body:
            parts.append(body)
    if outro := markdown_block(post.outro, "markdown", post.site_url):
        parts += [OUTRO_RULE, outro]
    return "\n\n".join(parts) + "\n"
