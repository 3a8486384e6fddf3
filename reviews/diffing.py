"""Line diffs of two review bodies, with the changed words marked inside changed lines: unified
(the desk's versions and decisions) or side by side (the member's conflict page).

Pure functions over plain data: the templates escape every piece of text; nothing here produces HTML.
"""

import difflib
import re
from dataclasses import dataclass, field

TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass
class DiffLine:
    kind: str  # "same", "removed", "added" or "gap"
    old_number: int | None = None
    new_number: int | None = None
    parts: list = field(default_factory=list)  # [(text, changed)]
    skipped: int = 0  # for a gap: how many unchanged lines it stands for

    @property
    def text(self):
        return "".join(text for text, _changed in self.parts)


@dataclass(frozen=True)
class Row:
    """A row of the side-by-side view: a line of each side, or of one."""

    left: DiffLine | None  # None: no line on this side
    right: DiffLine | None
    kind: str  # "same", "changed", "removed" (only left), "added" (only right)


def _word_diff(old, new):
    """The two lines as (text, changed) parts, split at word boundaries."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    old_parts, new_parts = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        changed = tag != "equal"
        if i2 > i1:
            old_parts.append(("".join(a[i1:i2]), changed))
        if j2 > j1:
            new_parts.append(("".join(b[j1:j2]), changed))
    return old_parts, new_parts


def _lines(a, b, opcodes):
    """The lines of `opcodes` over the line lists `a` and `b`; replaced lines paired word by word."""
    lines = []
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            pairs = zip(range(i1, i2), range(j1, j2), strict=True)
            lines += [DiffLine("same", i + 1, j + 1, [(a[i], False)]) for i, j in pairs]
            continue
        removed = [DiffLine("removed", i + 1, None, [(a[i], True)]) for i in range(i1, i2)]
        added = [DiffLine("added", None, j + 1, [(b[j], True)]) for j in range(j1, j2)]
        if tag == "replace":
            for old_line, new_line in zip(removed, added, strict=False):  # the longer side's rest stays whole
                old_line.parts, new_line.parts = _word_diff(old_line.text, new_line.text)
        lines += removed + added
    return lines


def _matcher(old, new):
    a, b = (old or "").splitlines(), (new or "").splitlines()
    return a, b, difflib.SequenceMatcher(None, a, b, autojunk=False)


def diff_lines(old, new, *, context=3):
    """The lines of a unified diff from `old` to `new`: changes with `context` lines around them.

    Unchanged stretches between changes become one "gap" line. Empty when the texts are equal.
    """
    a, b, matcher = _matcher(old, new)
    lines = []
    last_old = 0
    for group in matcher.get_grouped_opcodes(context):
        first_old = group[0][1]
        if first_old > last_old:
            lines.append(DiffLine("gap", skipped=first_old - last_old))
        lines += _lines(a, b, group)
        last_old = group[-1][2]
    if lines and last_old < len(a):
        lines.append(DiffLine("gap", skipped=len(a) - last_old))
    return lines


def diff_stats(lines):
    """(lines added, lines removed) of a diff from diff_lines."""
    return sum(line.kind == "added" for line in lines), sum(line.kind == "removed" for line in lines)


def side_by_side(old, new):
    """Every line of both texts in rows: a replaced line beside its replacement ("changed"), a
    removed one alone on the left, an added one alone on the right."""
    a, b, matcher = _matcher(old, new)
    rows, removed = [], []
    for line in _lines(a, b, matcher.get_opcodes()):
        if line.kind == "removed":
            removed.append(line)
            continue
        if line.kind == "added" and removed:
            rows.append(Row(removed.pop(0), line, "changed"))
            continue
        rows += [Row(left, None, "removed") for left in removed]
        removed = []
        rows.append(Row(line, line, "same") if line.kind == "same" else Row(None, line, "added"))
    rows += [Row(left, None, "removed") for left in removed]
    return rows


def summary(rows):
    """How many rows of a side-by-side view differ, for the page's headline."""
    return sum(1 for row in rows if row.kind != "same")
