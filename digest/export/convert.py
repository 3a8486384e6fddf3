"""Rendered HTML back into text: GFM Markdown, Habr's Markdown, or plain text.

Exports never re-render a review's markdown: Habr and plain text are written from the HTML
stored on save (`Review.body_html`), and the importer reads saved blog pages with the same walker
(flavour "markdown"). Formulas are the math spans of reviews.markdown (`span.math.inline`,
`span.math.display`, `div.math.block`) and come out in each target's own delimiters.
"""

import html
import re

from .escape import escape_block_start, escape_inline
from .inert import inert_formula
from .tree import Node, parse_html

BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "center", "dd", "details", "div", "dl", "dt", "figcaption",
    "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p",
    "pre", "section", "summary", "table", "ul", "#root",
}  # fmt: skip
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
SPACE = re.compile(r"\s+")
BREAK = "\x00"  # a <br> inside inline content, until the paragraph is assembled
# Inline HTML kept as HTML inside Habr's <table> cells.
HABR_CELL_TAGS = {"a": ("href",), "b": (), "strong": (), "i": (), "em": (), "s": (), "code": (), "sup": (), "sub": ()}
MATH_DELIMITERS = {
    "markdown": {"inline": ("$", "$"), "display": ("$$", "$$"), "block": ("$$\n", "\n$$")},
    "habr": {"inline": ("$inline$", "$inline$"), "display": ("$$display$$", "$$display$$"),
             "block": ("$$display$$", "$$display$$")},
    "text": {"inline": ("$", "$"), "display": ("$$", "$$"), "block": ("$$", "$$")},
}  # fmt: skip


def is_block(node):
    return isinstance(node, Node) and (node.tag in BLOCK_TAGS or math_kind(node) == "block")


def math_kind(node):
    """ "inline", "display" or "block" for a math span of reviews.markdown, else None."""
    classes = node.classes
    if "math" not in classes or node.tag not in {"span", "div"}:
        return None
    if node.tag == "div" or "block" in classes:
        return "block"
    return "display" if "display" in classes else "inline"


def _wrap(content, marker):
    """Emphasis around `content`, with its outer spaces moved outside the markers."""
    core = content.strip()
    if not core:
        return content
    lead = content[: len(content) - len(content.lstrip())]
    trail = content[len(content.rstrip()) :]
    return f"{lead}{marker}{core}{marker}{trail}"


def _bare(address):
    """An address without its scheme and final slash: "https://ods.ai/" and "ods.ai" are the same link."""
    return re.sub(r"^(https?://|mailto:)", "", address.strip()).rstrip("/")


def _code_span(content):
    longest = max((len(run) for run in re.findall(r"`+", content)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if content.startswith("`") or content.endswith("`") else ""
    return f"{fence}{pad}{content}{pad}{fence}"


class Converter:
    """Walks an HTML tree and writes it in one flavour: "markdown", "habr" or "text"."""

    def __init__(self, flavor):
        if flavor not in MATH_DELIMITERS:
            raise ValueError(f"Unknown flavour {flavor!r}")
        self.flavor = flavor
        self.markup = flavor != "text"
        self.math = MATH_DELIMITERS[flavor]

    # --- blocks ---------------------------------------------------------------------------------

    def blocks_with_lines(self, node):
        """The blocks inside `node` as (source line, text) pairs; inline runs become paragraphs."""
        out, run = [], []

        def flush():
            if run:
                text = self.paragraph(run)
                if text:
                    line = next((child.line for child in run if isinstance(child, Node)), node.line)
                    out.append((line, text))
                run.clear()

        for child in node.children:
            if is_block(child):
                flush()
                out.extend((child.line, text) for text in self.block(child) if text)
            else:
                run.append(child)
        flush()
        return out

    def blocks(self, node):
        return [text for _line, text in self.blocks_with_lines(node)]

    def block(self, node):
        tag = node.tag
        if math_kind(node) == "block":
            opening, closing = self.math["block"]
            return [f"{opening}{self.formula(node.text())}{closing}"]
        if tag == "p":
            return [self.paragraph(node.children)]
        if tag in HEADINGS:
            text = self.paragraph(node.children, escape_start=False).replace("\n", " ")
            if not text:
                return []
            return [f"{'#' * HEADINGS[tag]} {text}" if self.markup else text]
        if tag in {"ul", "ol"}:
            return [self.list(node)]
        if tag == "blockquote":
            inner = "\n\n".join(self.blocks(node))
            return ["\n".join(f"> {line}".rstrip() for line in inner.split("\n"))] if inner else []
        if tag == "pre":
            return [self.code_block(node)]
        if tag == "table":
            return [self.table(node)]
        if tag == "hr":
            return [] if "footnotes-sep" in node.classes else ["---"]
        if tag == "section" and "footnotes" in node.classes:
            return self.footnotes(node)
        return self.blocks(node)

    def paragraph(self, children, *, escape_start=True):
        text = "".join(self.inline(child) for child in children)
        lines = [SPACE.sub(" ", line).strip() for line in text.split(BREAK)]
        lines = [line for line in lines if line]
        if self.markup and escape_start:
            lines = [escape_block_start(line) for line in lines]
        separator = {"markdown": "\\\n", "habr": "\n", "text": "\n"}[self.flavor]
        return separator.join(lines)

    def list(self, node):
        ordered = node.tag == "ol"
        try:
            start = int(node.get("start", "1")) if ordered else 1
        except ValueError:
            start = 1
        items = [child for child in node.elements() if child.tag == "li"]
        loose = self.markup and any(child.tag == "p" for item in items for child in item.elements())
        rendered = []
        for number, item in enumerate(items, start=start):
            marker = f"{number}." if ordered else "-"
            indent = " " * (len(marker) + 1)
            parts = self.blocks(item) or [""]
            text = ("\n\n" if loose else "\n").join(parts)
            lines = text.split("\n")
            body = [f"{marker} {lines[0]}".rstrip()] + [f"{indent}{line}" if line else "" for line in lines[1:]]
            rendered.append("\n".join(body))
        return ("\n\n" if loose else "\n").join(rendered)

    def code_block(self, node):
        code_node = next((child for child in node.elements() if child.tag == "code"), node)
        code = node.text().strip("\n")
        if not self.markup:
            return "\n".join(f"    {line}" if line else "" for line in code.split("\n"))
        language = next((name[9:] for name in code_node.classes if name.startswith("language-")), "")
        longest = max((len(run) for run in re.findall(r"`{3,}", code)), default=2)
        fence = "`" * (longest + 1)
        return f"{fence}{language}\n{code}\n{fence}"

    def table(self, node):
        rows = [row for row in node.iter() if row.tag == "tr"]
        grid = [[cell for cell in row.elements() if cell.tag in {"td", "th"}] for row in rows]
        grid = [row for row in grid if row]
        if not grid:
            return ""
        if self.flavor == "text":
            return "\n".join("\t".join(self.cell(cell) for cell in row) for row in grid)
        if self.flavor == "habr":
            return self.habr_table(grid)
        width = max(len(row) for row in grid)
        rows_text = [[self.cell(cell).replace("|", "\\|") for cell in row] + [""] * (width - len(row)) for row in grid]
        aligns = []
        for index in range(width):
            classes = grid[0][index].classes if index < len(grid[0]) else set()
            aligns.append(
                ":---:" if "align-center" in classes else "---:" if "align-right" in classes else
                ":---" if "align-left" in classes else "---"
            )  # fmt: skip
        lines = [f"| {' | '.join(rows_text[0])} |", f"| {' | '.join(aligns)} |"]
        lines += [f"| {' | '.join(row)} |" for row in rows_text[1:]]
        return "\n".join(lines)

    def cell(self, cell):
        return " ".join(part.replace("\\\n", " ").replace("\n", " ") for part in self.blocks(cell))

    def habr_table(self, grid):
        """Pipe tables are unreliable on Habr: write HTML, formulas in Habr's delimiters."""
        lines = ["<table>"]
        for row in grid:
            cells = "".join(f"<{cell.tag}>{self.html_inline(cell).strip()}</{cell.tag}>" for cell in row)
            lines.append(f"<tr>{cells}</tr>")
        lines.append("</table>")
        return "\n".join(lines)

    def html_inline(self, node):
        out = []
        for child in node.children:
            if isinstance(child, str):
                out.append(html.escape(SPACE.sub(" ", child), quote=False))
            elif kind := math_kind(child):
                opening, closing = self.math["inline" if kind == "inline" else "display"]
                out.append(html.escape(f"{opening}{child.text().strip()}{closing}", quote=False))
            elif child.tag == "br":
                out.append("<br>")
            elif child.tag == "img":
                out.append(f'<img src="{html.escape(child.get("src"))}" alt="{html.escape(child.get("alt"))}">')
            elif child.tag in HABR_CELL_TAGS:
                attrs = "".join(
                    f' {name}="{html.escape(child.get(name))}"' for name in HABR_CELL_TAGS[child.tag] if child.get(name)
                )
                out.append(f"<{child.tag}{attrs}>{self.html_inline(child)}</{child.tag}>")
            else:
                out.append(self.html_inline(child))
        return "".join(out)

    def footnotes(self, node):
        out = []
        for number, item in enumerate(node.find_all("li"), start=1):
            text = " ".join(self.blocks(item)).strip()
            out.append(f"[^{number}]: {text}" if self.flavor == "markdown" else f"[{number}] {text}")
        return out

    def formula(self, tex):
        """TeX as written, with no `<` another Markdown renderer could take for a tag (inert.py)."""
        return inert_formula(tex.strip()) if self.markup else tex.strip()

    # --- inline ---------------------------------------------------------------------------------

    def inline(self, node):
        if isinstance(node, str):
            text = SPACE.sub(" ", node)
            return escape_inline(text) if self.markup else text
        tag = node.tag
        if kind := math_kind(node):
            opening, closing = self.math["inline" if kind == "inline" else "display"]
            return f"{opening}{self.formula(node.text())}{closing}"
        if tag == "br":
            return BREAK
        if tag == "math":
            annotation = next((n for n in node.iter() if n.tag == "annotation"), None)
            tex = (annotation.text() if annotation else node.text()).strip()
            opening, closing = self.math["display" if node.get("display") == "block" else "inline"]
            return f"{opening}{self.formula(tex)}{closing}"
        if tag == "img":
            return self.image(node)
        if tag == "a":
            return self.link(node)
        if tag == "code":
            content = node.text()
            return _code_span(content) if self.markup else content
        if tag == "sup" and "footnote-ref" in node.classes:
            number = node.text().strip("[] ")
            return f"[^{number}]" if self.flavor == "markdown" else f"[{number}]"
        content = "".join(self.inline(child) for child in node.children)
        if not self.markup:
            return content
        if tag in {"em", "i", "cite", "var"}:
            return _wrap(content, "*")
        if tag in {"strong", "b"}:
            return _wrap(content, "**")
        if tag in {"s", "del", "strike"}:
            return _wrap(content, "~~")
        if tag in {"sup", "sub"} and self.flavor == "habr":
            return f"<{tag}>{content}</{tag}>"
        return content

    def image(self, node):
        src, alt = node.get("src").strip(), SPACE.sub(" ", node.get("alt")).strip()
        if not src:
            return escape_inline(alt) if self.markup else alt
        if not self.markup:
            return f"{alt} ({src})" if alt else src
        brackets = alt.replace("[", "\ue001").replace("]", "\ue002")  # escaped after escape_inline
        alt = escape_inline(brackets).replace("\ue001", "\\[").replace("\ue002", "\\]")
        return f"![{alt}]({self.destination(src)})"

    def link(self, node):
        href = node.get("href").strip()
        content = "".join(self.inline(child) for child in node.children)
        if "footnote-backref" in node.classes:
            return ""
        if not href or href.startswith("#") and self.flavor != "habr":
            return content
        plain = SPACE.sub(" ", node.text()).strip()
        if _bare(href) == _bare(plain):
            return content  # a bare address the renderer linked by itself (and links again)
        if not self.markup:
            text = SPACE.sub(" ", content).strip()
            return text if not text or href in text else f"{text} ({href})"
        if not content.strip():
            return content
        return f"[{content.strip()}]({self.destination(href)})"

    @staticmethod
    def destination(url):
        if re.search(r"[\s()<>]", url):
            return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
        return url


def html_to_markdown(fragment, *, flavor="markdown"):
    """GFM Markdown (flavour "markdown") or Habr's Markdown (flavour "habr") for an HTML fragment."""
    return "\n\n".join(Converter(flavor).blocks(parse_html(fragment)))


def html_to_plain(fragment):
    """Plain text laid out like the published posts: paragraphs, list items, tab-separated tables."""
    return "\n\n".join(Converter("text").blocks(parse_html(fragment)))
