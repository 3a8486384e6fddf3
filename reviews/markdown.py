"""The one place where markdown becomes safe HTML.

markdown-it-py (CommonMark + GFM tables, strikethrough, autolinks, footnotes, `$`/`$$` math)
renders; raw HTML in the source is escaped, never passed through; nh3 then keeps only an
allow-list of tags, attributes, classes and URL schemes. Formulas come out either as math
spans for KaTeX (pages, previews) or as MathML (the JavaScript-free HTML export).
"""

import hashlib
import html
import threading
from functools import lru_cache

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from latex2mathml.converter import convert as latex_to_mathml
from linkify_it import LinkifyIt
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_block.table import table as gfm_table
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin

MATHML_TAGS = {
    "math", "mrow", "mi", "mo", "mn", "ms", "mtext", "mspace", "msub", "msup", "msubsup",
    "mfrac", "msqrt", "mroot", "munder", "mover", "munderover", "mtable", "mtr", "mtd",
    "mstyle", "mpadded", "mphantom", "menclose", "semantics", "annotation",
}  # fmt: skip
TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "s", "del",
    "ins", "sub", "sup", "blockquote", "ul", "ol", "li", "a", "img", "table", "thead", "tbody",
    "tr", "th", "td", "pre", "code", "span", "div", "section", "dl", "dt", "dd",
} | MATHML_TAGS  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "img": {"src", "alt", "title", "width", "height"},
    "code": {"class"},
    "li": {"id"},
    "sup": {"id"},
    "ol": {"start"},
    "math": {"display"},
    "mo": {"stretchy", "fence", "separator", "lspace", "rspace"},
    "mstyle": {"displaystyle", "scriptlevel"},
    "mtable": {"columnalign"},
    "mspace": {"width"},
    "mtd": {"columnspan", "rowspan"},
    "annotation": {"encoding"},
}
ALIGN = {"align-left", "align-center", "align-right"}
CLASSES = {
    "span": {"math", "inline", "display"},
    "div": {"math", "block"},
    "th": ALIGN,
    "td": ALIGN,
    "section": {"footnotes"},
    "sup": {"footnote-ref"},
    "a": {"footnote-backref"},
    "hr": {"footnotes-sep"},
    "ol": {"footnotes-list"},
    "li": {"footnote-item"},
}
URL_SCHEMES = {"http", "https", "mailto"}

# Bounded work: what one document may cost, whatever it holds (a 100-column table of 50,000
# cells, thousands of bare "www." links). Past a bound the rest stays plain text.
MAX_TABLE_COLUMNS = 64
MAX_TABLE_CELLS = 5_000
MAX_LINKS = 500


def check_body_size(text):
    """Refuse a body (or a preview) larger than DIGEST_MAX_BODY_BYTES, saying how large it is."""
    size, limit = len((text or "").encode()), settings.DIGEST_MAX_BODY_BYTES
    if size > limit:
        raise ValidationError(
            _("The text is %(size)s KB; the limit is %(limit)s KB. Shorten it, or split it into two reviews.")
            % {"size": round(size / 1000), "limit": round(limit / 1000)},
            code="too_large",
        )


def _keep_attribute(tag, attribute, value):
    if (tag, attribute) == ("code", "class"):
        language = value.removeprefix("language-")
        return value if value.startswith("language-") and language.replace("-", "").isalnum() else None
    return value


def sanitize_html(fragment):
    """Keep only the allow-list; everything else (scripts, handlers, foreign URLs) goes."""
    return nh3.clean(
        fragment,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        allowed_classes=CLASSES,
        attribute_filter=_keep_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


def _math_as_span(content, display):
    tag, kind = ("div", "math block") if display == "block" else ("span", f"math {display}")
    return f'<{tag} class="{kind}">{escapeHtml(content)}</{tag}>'


def _math_as_mathml(content, display):
    try:
        return latex_to_mathml(content, display="block" if display != "inline" else "inline")
    except Exception:  # latex2mathml raises many kinds on TeX it does not know; keep the source
        return f"<code>{escapeHtml(content)}</code>"


def _alignment_to_class(state):
    """GFM tables align with style="text-align:…", which a strict CSP blocks: use classes."""
    for token in state.tokens:
        if token.type in {"th_open", "td_open"} and token.attrs.get("style"):
            align = token.attrs.pop("style").removeprefix("text-align:")
            token.attrSet("class", f"align-{align}")


_budget = threading.local()  # what is left of this render's bounds (one render at a time per thread)


def _bounded_table(state, start_line, end_line, silent):
    """GFM tables, as long as the document's tables stay within MAX_TABLE_COLUMNS and MAX_TABLE_CELLS.

    Called at the start of every line of a paragraph too (to see whether a table interrupts it),
    so it looks ahead at most as far as the remaining budget allows; a table refused for its size
    spends the budget, and every later line is answered at once.
    """
    header = state.src[state.bMarks[start_line] + state.tShift[start_line] : state.eMarks[start_line]]
    columns = header.strip().strip("|").count("|") + 1
    most_rows = _budget.cells // columns
    if columns > MAX_TABLE_COLUMNS or most_rows < 2:
        return False
    rows = 0
    for line in range(start_line, min(end_line, start_line + most_rows + 1)):
        if state.isEmpty(line):
            break
        rows += 1
    if rows > most_rows:
        _budget.cells = 0
        return False
    found = gfm_table(state, start_line, end_line, silent)
    if found and not silent:
        _budget.cells -= rows * columns
    return found


def _is_written_as_link(match):
    """A bare address is a link only with a scheme ("https://", "mailto:") or a "www." start.

    linkify-it also links anything shaped like a domain: "README.md" (Moldova) or "setup.py"
    (Paraguay) would become links to made-up sites.
    """
    raw = match.raw.lower()
    return raw.startswith("www.") or bool(match.schema) and raw.startswith(match.schema)


class BoundedLinkify(LinkifyIt):
    """linkify-it, making at most MAX_LINKS links in one document, only of what is written as a link."""

    def test(self, text):
        return _budget.links > 0 and bool(self.match(text, spend=False))

    def match(self, text, *, spend=True):
        if not super().test(text):
            return None
        found = [m for m in super().match(text) or [] if _is_written_as_link(m)][: max(_budget.links, 0)]
        if spend:
            _budget.links -= len(found)
        return found or None


def _lone_intraword_star(state, silent):
    """`h*w*3` is a product, not "h<em>w</em>3": a single `*` between two letters or digits stays text.

    CommonMark allows emphasis inside words with `*`; writers of formulas outside `$…$` do not mean
    it (a blog that did so printed "(h *w* 3)" for "(h*w*3)"). `**` inside words is still bold.
    """
    pos, src = state.pos, state.src
    if src[pos] != "*" or pos == 0 or pos + 1 >= state.posMax:
        return False
    before, after = src[pos - 1], src[pos + 1]
    if not (before.isalnum() and after.isalnum()):
        return False
    if not silent:
        state.push("text", "", 0).content = "*"
    state.pos += 1
    return True


@lru_cache(maxsize=2)
def _parser(math):
    wrap = _math_as_mathml if math == "mathml" else _math_as_span
    md = (
        MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False})
        .enable(["table", "strikethrough", "linkify"])
        .use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
        .use(footnote_plugin)
    )
    md.linkify = BoundedLinkify()
    md.inline.ruler.before("emphasis", "lone_intraword_star", _lone_intraword_star)
    md.block.ruler.at("table", _bounded_table, {"alt": ["paragraph", "reference"]})
    md.core.ruler.push("alignment_to_class", _alignment_to_class)
    md.add_render_rule("math_inline", lambda self, t, i, o, e: wrap(t[i].content.strip(), "inline"))
    md.add_render_rule("math_inline_double", lambda self, t, i, o, e: wrap(t[i].content.strip(), "display"))
    md.add_render_rule("math_block", lambda self, t, i, o, e: wrap(t[i].content.strip(), "block") + "\n")
    md.add_render_rule("math_block_label", lambda self, t, i, o, e: wrap(t[i].content.strip(), "block") + "\n")
    return md


def render_markdown(text, *, math="katex"):
    """Markdown source -> sanitised HTML. `math` is "katex" (math spans) or "mathml"."""
    text = text or ""
    # Footnote ids must not collide when several reviews share one page.
    doc_id = hashlib.blake2s(text.encode(), digest_size=4).hexdigest()
    _budget.cells, _budget.links = MAX_TABLE_CELLS, MAX_LINKS
    rendered = _parser(math).render(text, {"docId": doc_id})
    return sanitize_html(rendered)


def html_to_text(fragment):
    """Plain text of rendered HTML, for search and summaries."""
    return " ".join(html.unescape(strip_tags(fragment)).split())
