"""Markdown that stays inert wherever it is pasted.

Our renderer escapes raw HTML and refuses `javascript:` links, so a review saying
`<script>alert(1)</script>` shows those letters. A blog editor that takes raw HTML (CommonMark with
HTML on, as many do) would run it. So the Markdown exports pass every text people typed through
`inert_markdown`, which, outside code, makes:

- every `<` that could open a tag, a comment or a declaration into `\\<` (inside a formula into
  `< `: TeX ignores the space, and no HTML parser reads `< x` as a tag);
- every link, image or link definition whose address has a scheme other than http, https or
  mailto (`javascript:`, `data:`, `vbscript:` … however encoded) into plain text, by escaping the
  `(` or `:` after its `]` (in a formula by a space there).

Code is what a renderer that knows nothing of our formulas and footnotes takes for code (CommonMark
blocks and code spans): that reading decides what is safe. Our renderer then shows the result as
it showed the source: the backslashes are escapes, and the links made text are ones it refused
anyway. One place where the change can be seen: a line inside a multi-line code span that would
start an HTML block elsewhere gets a backslash.
"""

import bisect
import html
import re
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.common.html_blocks import block_names

from reviews.markdown import URL_SCHEMES

# Formulas as reviews.markdown's dollarmath reads them ($…$, and anything between $$ and $$), near
# enough: they only decide whether a `<` gets a space (TeX) or a backslash (text); both are inert.
MATH = re.compile(r"\$\$[\s\S]*?\$\$|\$(?![\s$])[^$]*?[^\s\\$]\$(?!\d)|\$(?![\s$])[^\s$\\]\$(?!\d)")
TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9.+\-]{1,31}):[^<>\x00-\x20]*>")
EMAIL_AUTOLINK = re.compile(
    r"<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*>"
)
# "](" of an inline link or image, or "]:" of a definition, then the address (maybe on the next line).
DESTINATION = re.compile(r"\][(:][ \t]*\n?[ \t]*(?:<([^<>\n]*)>?|([^\s()<>]*))")
# Lines that open an HTML block even in the middle of a paragraph (CommonMark kinds 1 to 6).
BLOCK_OPENER = re.compile(
    r"^((?:[ \t]*>)*[ \t]*)<(?=(?:script|pre|style|textarea)(?:\s|>|$)|!--|\?|![A-Za-z]|!\[CDATA\[|/?(?:"
    + "|".join(block_names)
    + r")(?:\s|/?>|$))",
    re.I | re.M,
)
ASCII_PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
C0_AND_SPACE = "".join(map(chr, range(0x21)))


def scheme_of(address):
    """The scheme a browser would see in a Markdown link address, after its escapes and entities."""
    address = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", address)
    address = re.sub(r"[\t\n\r]", "", html.unescape(address)).strip(C0_AND_SPACE)
    match = SCHEME.match(address)
    return match.group(1).lower() if match else None


def is_safe_address(address):
    return scheme_of(address) in URL_SCHEMES | {None}


def _unsafe_destination(text, index):
    """Whether the "]" at `index` ends the text of a link, image or definition to an unsafe address."""
    destination = DESTINATION.match(text, index)
    if destination is None:
        return False
    address = destination.group(1) if destination.group(1) is not None else destination.group(2)
    return not is_safe_address(address)


def inert_formula(tex):
    """TeX with a space after each `<` that could start a tag and each `]` of a link to an unsafe
    address (TeX does not show the spaces)."""
    tex = TAG_START.sub("< ", tex)
    if "]" not in tex:
        return tex
    return "".join("] " if char == "]" and _unsafe_destination(tex, at) else char for at, char in enumerate(tex))


# --- the blocks, as plain CommonMark sees them ----------------------------------------------------


@lru_cache(maxsize=1)
def _blocks():
    """CommonMark's block structure (raw HTML off: no HTML block is left to start). Inline parsing is
    skipped: only the blocks' lines are needed."""
    md = MarkdownIt("commonmark", {"html": False}).enable(["table"])
    md.core.ruler.disable(["inline", "text_join"])
    return md


def _units(source):
    """The source in pieces, each (text, kind): "code" is left alone, "text" is the inline markdown
    of one block, "row" a table row (split into its cells before scanning)."""
    lines = source.split("\n")
    kind_of = ["text"] * len(lines)
    block_of = [None] * len(lines)  # the first line of the paragraph or heading a line is in
    for token in _blocks().parse(source):
        if token.map is None:
            continue
        start, end = token.map
        if token.type in {"fence", "code_block"}:
            kind_of[start:end] = ["code"] * (end - start)
        elif token.type == "table_open":
            kind_of[start:end] = ["row"] * (end - start)
        elif token.type == "inline" and kind_of[start] == "text":
            block_of[start:end] = [start] * (end - start)
    units, index = [], 0
    while index < len(lines):
        kind, end = kind_of[index], index + 1
        while end < len(lines) and kind_of[end] == kind and kind != "row" and _together(block_of, lines, index, end):
            end += 1
        units.append(("\n".join(lines[index:end]), kind))
        index = end
    return units


def _together(block_of, lines, first, line):
    """Whether `line` belongs with the unit starting at `first`: the same block, or (lines in no
    block: link definitions, rules) both outside blocks and not blank."""
    if block_of[first] is not None:
        return block_of[line] == block_of[first]
    return block_of[line] is None and bool(lines[line].strip()) and bool(lines[first].strip())


# --- one block's inline text ----------------------------------------------------------------------


def _code_span_end(text, start):
    """Where the code span opening at `start` (a run of backticks) ends, or None if it is not closed."""
    run = re.match(r"`+", text[start:]).end()
    for match in re.finditer(r"`+", text[start + run :]):
        if len(match.group(0)) == run:
            return start + run + match.end()
    return None


def _neutral_text(text):
    formulas = [(match.start(), match.end()) for match in MATH.finditer(text)] if "$" in text else []
    starts = [start for start, _end in formulas]

    def in_formula(at):
        index = bisect.bisect_right(starts, at) - 1
        return index >= 0 and at < formulas[index][1]

    out, index, length = [], 0, len(text)
    while index < length:
        char = text[index]
        if char == "\\" and index + 1 < length and text[index + 1] in ASCII_PUNCTUATION:
            out.append(text[index : index + 2])
            index += 2
            continue
        if char == "`":
            run = re.match(r"`+", text[index:]).end()
            end = _code_span_end(text, index) or index + run
            out.append(text[index:end])
            index = end
            continue
        if char == "<":
            link = AUTOLINK.match(text, index)
            safe = link if link and link.group(1).lower() in URL_SCHEMES else None
            if safe or (not link and (safe := EMAIL_AUTOLINK.match(text, index))):
                out.append(safe.group(0))
                index = safe.end()
                continue
            if TAG_START.match(text, index):
                out.append("< " if in_formula(index) else "\\<")
                index += 1
                continue
        if char == "]" and _unsafe_destination(text, index):
            out.append("] " if in_formula(index) else "]\\")  # "]\(" and "]\:" open no address
            index += 1
            continue
        out.append(char)
        index += 1
    # A line starting an HTML block would end the paragraph elsewhere, even inside a code span.
    return BLOCK_OPENER.sub(lambda match: f"{match.group(1)}\\<", "".join(out))


def _neutral_row(row):
    cells = re.split(r"(?<!\\)(\|)", row)
    return "".join(cell if cell == "|" else _neutral_text(cell) for cell in cells)


NEUTRALISE = {"code": lambda text: text, "text": _neutral_text, "row": _neutral_row}


def _needs_work(source):
    """Whether anything in `source`, code or not, could be changed: a tag start or an unsafe link."""
    if not source or TAG_START.search(source):
        return bool(source)
    return any(_unsafe_destination(source, match.start()) for match in re.finditer(r"\]", source))


def inert_markdown(source):
    """`source` with raw HTML and unsafe links made text (see the module's docstring)."""
    if not _needs_work(source):
        return source  # most reviews: no tags, links to web addresses only
    return "\n".join(NEUTRALISE[kind](text) for text, kind in _units(source))
