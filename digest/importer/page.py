"""A saved page of a published post, as the tolerant reader takes it: any blog's markup, mirror pages.

The post is a known post body, else the element holding the reviews' headings (<h2>–<h4> "N. Title",
or a bold paragraph "N. Title"), else the page's article or main text. Menus, ads, share buttons,
comments and related-article lists inside it are left out. Formulas come back as `$…$` wherever
their TeX can be recovered: an image's alt text (Habr's `<img alt="$…$" data-tex>`), MathJax's
`<script type="math/tex">`, the address of a TeX-rendering service; other images stay images.
Text separated by `<br>`s rather than paragraphs is split where two breaks follow each other.
"""

import html as html_lib
import re
from urllib.parse import unquote

from ..export.convert import BREAK, SPACE, Converter
from ..export.escape import escape_block_start
from ..export.tree import parse_html
from .html import KNOWN_BODIES, NUMBERED_HEADING, page_title, page_url
from .parse import NUMBERED, Line
from .structure import PostImportError

MATHJAX_SCRIPT = re.compile(
    r"<script\b[^>]*\btype=[\"']math/tex(?P<display>;\s*mode=display)?[\"'][^>]*>(?P<tex>.*?)</script>", re.I | re.S
)
MATHJAX_OUTPUT = {
    "MathJax_Preview",
    "MathJax",
    "MathJax_Display",
    "MathJax_SVG",
    "MathJax_CHTML",
    "MathJax_SVG_Display",
}
TEX_SERVICES = re.compile(
    r"^https?://(?:tex\.s2cms\.ru|i\.upmath\.me|latex\.codecogs\.com|chart\.googleapis\.com)/"
    r"(?:svg|png|gif|eqn|svg\.latex|png\.latex|gif\.latex|chart)[/?](?:cht=tx&chl=)?(?P<tex>.+)$",
    re.I,
)
# Around the post on a blog or mirror page: menus, share buttons, ads, comments, related articles.
FURNITURE_TAGS = {"nav", "aside", "footer", "header", "form", "ins", "button", "iframe"}
FURNITURE_CLASSES = re.compile(
    r"(^|[-_ ])(nav|navbar|menu|sidebar|related|recommend\w*|more-articles|share|sharing|social|comments?|"
    r"ads?|adsbygoogle|advert\w*|banner|promo|subscribe|breadcrumbs?|footer|header|tags|author-card|"
    r"voting|rating)($|[-_ ])",
    re.I,
)
SITE_SUFFIX = re.compile(r"\s*(?:[/|—–-]\s*(?:Хабр|Habr|Хабрахабр|Habrahabr|Geekly Articles each Day)\b.*)$", re.I)


def tex_of_image(node):
    """(TeX, "inline" | "display") of a formula drawn as an image, when the TeX can be recovered."""
    alt = SPACE.sub(" ", node.get("alt")).strip()
    kind = "display" if node.get("data-tex") == "display" else "inline"
    if alt.startswith("$") and alt.endswith("$") and len(alt) > 2:
        return alt.strip("$").strip(), kind
    if node.get("data-tex") and alt:
        return alt, kind
    if match := TEX_SERVICES.match(node.get("src").strip()):
        return unquote(match.group("tex").replace("+", " ")).strip(), kind
    return None


class PageConverter(Converter):
    """The export's HTML-to-Markdown walker, reading formulas drawn as images and paragraphs made of <br>s."""

    def __init__(self):
        super().__init__("markdown")

    def inline(self, node):
        if not isinstance(node, str):
            if node.tag == "img" and (found := tex_of_image(node)):
                tex, kind = found
                opening, closing = self.math[kind]
                return f"{opening}{self.formula(tex)}{closing}"
            image = next((child for child in node.iter() if child.tag == "img"), None) if node.tag == "math" else None
            if image is not None and (found := tex_of_image(image)):
                opening, closing = self.math["display" if node.get("display") == "block" else found[1]]
                return f"{opening}{self.formula(found[0])}{closing}"
        return super().inline(node)

    def paragraph(self, children, *, escape_start=True):
        """Two <br>s in a row end a paragraph, as they do on the page."""
        text = "".join(self.inline(child) for child in children)
        paragraphs = []
        for chunk in re.split(f"{BREAK}\\s*{BREAK}[\\s{BREAK}]*", text):
            lines = [SPACE.sub(" ", line).strip() for line in chunk.split(BREAK)]
            lines = [line for line in lines if line]
            if escape_start:
                lines = [escape_block_start(line) for line in lines]
            if lines:
                paragraphs.append("\\\n".join(lines))
        return "\n\n".join(paragraphs)


def _heading_like(node):
    """A review's heading: <h2>–<h4> "N. Title", or a paragraph that is all bold "N. Title"."""
    if node.tag in {"h2", "h3", "h4"}:
        return bool(NUMBERED_HEADING.match(node.text()))
    if node.tag in {"b", "strong"} and node.parent is not None and node.parent.tag in {"p", "div"}:
        own = " ".join(node.text().split())
        return bool(NUMBERED.match(own)) and " ".join(node.parent.text().split()).startswith(own)
    return False


def _text_length(node):
    return len(" ".join(node.text().split()))


def find_post_tolerantly(root):
    """The post: a known post body, else the element holding the numbered headings, else the page's
    article or main text; raises PostImportError when the page has no text to speak of."""
    for node in root.iter():
        if (node.classes & KNOWN_BODIES or node.get("itemprop") == "articleBody") and _text_length(node) > 200:
            return node
    best, best_count = None, 0
    for node in root.iter():
        count = sum(1 for child in node.iter() if _heading_like(child))
        if count and count >= best_count:
            best, best_count = node, count
    if best is not None:
        return best
    for tag in ("article", "main", "body"):
        found = next((node for node in root.iter() if node.tag == tag), None)
        if found is not None and _text_length(found) > 200:
            return found
    raise PostImportError("expected a post in the page: it has no article text, and no headings “1. Title”", 1)


def strip_furniture(post):
    """Menus, ads, share buttons, comments and related articles inside the post's element go."""
    for node in list(post.iter()):
        classes = " ".join(node.classes)
        furniture = node.tag in FURNITURE_TAGS or (classes and FURNITURE_CLASSES.search(classes))
        drop = (furniture and "spoiler" not in classes) or node.classes & MATHJAX_OUTPUT
        if drop and node.parent is not None and node in node.parent.children:
            node.parent.children.remove(node)


def with_mathjax_formulas(raw):
    """MathJax's <script type="math/tex"> (the TeX of a typeset formula) as a math span the converter reads."""

    def span(match):
        kind = "display" if match.group("display") else "inline"
        return f'<span class="math {kind}">{html_lib.escape(match.group("tex"))}</span>'

    return MATHJAX_SCRIPT.sub(span, raw)


# A blog that read `h*w*3` as Markdown printed "h <em>w</em> 3": a one-character emphasis between
# one-character operands is a product whose asterisks were eaten. They come back as text.
EATEN_PRODUCT = re.compile(r"(?<![\w-])(\w) ?<(em|i)>(\w)</\2> ?(\(?\w)(?![\w-])")


def with_products_restored(raw):
    return EATEN_PRODUCT.sub(r"\1*\3*\4", raw)


def read_page(raw):
    """-> (Markdown lines of the post, title, public URL)."""
    root = parse_html(with_products_restored(with_mathjax_formulas(raw)))
    post = find_post_tolerantly(root)
    title = SITE_SUFFIX.sub("", page_title(root, post)).strip()
    for node in post.iter():
        if node.tag == "h1" and node.parent is not None:
            node.parent.children.remove(node)
    strip_furniture(post)
    lines = []
    for number, text in PageConverter().blocks_with_lines(post):
        lines += [Line(number, part) for part in text.split("\n")]
        lines.append(Line(number, ""))
    return lines, title, page_url(root)
