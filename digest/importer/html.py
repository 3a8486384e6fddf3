"""A saved HTML page of a published post: find the post among the site's header, menus, ads and footer.

The post is the element holding the reviews' numbered headings ("1. Title", "2. Title", …), or a
known post-body container; everything around it is left out. Its HTML becomes Markdown with the
export's own converter, each line remembering the line of the page it came from.
"""

import re

from ..export.convert import Converter
from ..export.tree import parse_html
from .parse import Line
from .structure import PostImportError

KNOWN_BODIES = {
    "post__text",
    "article-formatted-body",
    "tm-article-body",
    "post-content",
    "entry-content",
    "article__body",
}
NUMBERED_HEADING = re.compile(r"^\s*\d{1,3}[.)]\s+\S")
SOURCE = re.compile(r"^\s*(Source|Источник|Fuente|原文|स्रोत)\s*:", re.I)


def _numbered_headings(node):
    return sum(1 for child in node.iter() if child.tag in {"h2", "h3", "h4"} and NUMBERED_HEADING.match(child.text()))


def find_post(root):
    """The element that holds the post."""
    for node in root.iter():
        if (node.classes & KNOWN_BODIES or node.get("itemprop") == "articleBody") and _numbered_headings(node):
            return node
    best, best_count = None, 0
    for node in root.iter():  # document order: ancestors first, so a tie keeps going down to the innermost
        count = _numbered_headings(node)
        if count and count >= best_count:
            best, best_count = node, count
    if best is None:
        raise PostImportError("expected a post with numbered review headings (<h2>1. Title</h2>) in the page", 1)
    return best


def page_url(root):
    """The post's public address: canonical link, og:url, or a "Source: <a>" line of the page."""
    for node in root.iter():
        if node.tag == "link" and "canonical" in node.get("rel").split():
            return node.get("href")
        if node.tag == "meta" and node.get("property") == "og:url":
            return node.get("content")
    for node in root.iter():
        if node.tag == "p" and SOURCE.match(node.text()):
            link = next((child for child in node.iter() if child.tag == "a" and child.get("href")), None)
            if link:
                return link.get("href")
    return ""


def page_title(root, post):
    for node in [*post.iter(), *root.iter()]:
        if node.tag == "h1" and node.text().strip():
            return " ".join(node.text().split())
    title = next((node for node in root.iter() if node.tag == "title"), None)
    return " ".join(title.text().split()) if title else ""


def read_page(raw):
    """-> (Markdown lines of the post, title, public URL)."""
    root = parse_html(raw)
    post = find_post(root)
    title = page_title(root, post)
    for node in post.iter():
        if node.tag == "h1" and node.parent is not None:
            node.parent.children.remove(node)
    lines = []
    for number, text in Converter("markdown").blocks_with_lines(post):
        lines += [Line(number, part) for part in text.split("\n")]
        lines.append(Line(number, ""))
    return lines, title, page_url(root)
