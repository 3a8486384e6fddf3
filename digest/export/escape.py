"""Plain words into Markdown that means the same words: escape only what would turn into markup.

Formulas (`$…$`, `$$…$$`) pass through untouched: they are what the renderer typesets. Underscores
inside words are left alone (CommonMark and Habr never read them as emphasis), so `snake_case`
and `#article_essense` stay readable.
"""

import re

# The same delimiters reviews.markdown's dollarmath accepts: no space inside the $ and no digit after.
MATH = re.compile(r"\$\$(?!\s)[^\n]+?\$\$|\$(?![\s$])[^$\n]*?[^\s\\$]\$(?!\d)|\$(?![\s$])[^\s$\\]\$(?!\d)")
ENTITY = re.compile(r"&(#\d+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.I)


def _flanked(text, index):
    """Whether the character at `index` could open or close emphasis (not space on both sides)."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    return not (before.isspace() and after.isspace())


PLAIN_SPECIAL = re.compile(r"[\\`*_\]<~&]")  # the characters _escape_plain may escape


def _escape_plain(text):
    """Escape the characters of `text` that would become markup; only those are looked at."""
    out, position = [], 0
    for match in PLAIN_SPECIAL.finditer(text):
        index, char = match.start(), match.group()
        after = text[index + 1] if index + 1 < len(text) else ""
        before = text[index - 1] if index > 0 else ""
        if char in "\\`":
            escaped = "\\" + char
        elif char == "*":
            escaped = "\\*" if _flanked(text, index) else "*"
        elif char == "_":
            intraword = before.isalnum() and after.isalnum()
            escaped = "_" if intraword or not _flanked(text, index) else "\\_"
        elif char == "]" and after in "([:":
            escaped = "\\]"
        elif char == "<" and (after.isalpha() or after in "/!?"):
            escaped = "\\<"
        elif char == "~" and (after == "~" or before == "~"):
            escaped = "\\~"
        elif char == "&" and ENTITY.match(text, index):
            escaped = "\\&"
        else:
            escaped = char
        out.append(text[position:index])
        out.append(escaped)
        position = index + 1
    out.append(text[position:])
    return "".join(out)


SPECIAL = re.compile(r"[\\`*_\]<~&$]")


def escape_inline(text):
    """Escape `text` for use inside a Markdown paragraph, keeping its formulas as formulas."""
    if not SPECIAL.search(text):
        return text  # the common case: nothing to escape
    out, position = [], 0
    for match in MATH.finditer(text):
        out.append(_escape_plain(text[position : match.start()]))
        out.append(match.group(0))
        position = match.end()
    out.append(_escape_plain(text[position:]))
    return "".join(out)


THEMATIC_BREAK = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$")
BLOCK_START = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}(?=[.)](\s|$))|`{3,}|~{3,}|=+\s*$)")


def escape_block_start(line, *, keep_lists=False):
    """Escape what would make `line` a heading, quote, list item, fence or rule at the start of a block."""
    if THEMATIC_BREAK.match(line):
        indent = len(line) - len(line.lstrip())
        return f"{line[:indent]}\\{line[indent:]}"
    match = BLOCK_START.match(line)
    if not match:
        return line
    indent, marker = match.group(1), match.group(2)
    if keep_lists and (marker in "-+*" or marker.isdigit()):
        return line
    if marker.isdigit():  # "1." -> "1\." keeps the number and loses the list
        return f"{indent}{marker}\\{line[len(indent) + len(marker) :]}"
    return f"{indent}\\{line[len(indent) :]}"
