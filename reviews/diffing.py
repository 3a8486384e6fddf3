"""A readable side-by-side comparison of two versions of a review (difflib), for the conflict page.

Plain data, no HTML: the template escapes every line, so nothing typed can become markup.
"""

import difflib
from dataclasses import dataclass


@dataclass(frozen=True)
class Row:
    left: str | None  # None: no line on this side
    right: str | None
    kind: str  # "same", "changed", "removed" (only left), "added" (only right)
    left_number: int | None = None
    right_number: int | None = None


def side_by_side(left_text, right_text):
    """Rows pairing the lines of `left_text` and `right_text`, marked by what differs."""
    left, right = (left_text or "").splitlines(), (right_text or "").splitlines()
    rows = []
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows += [
                Row(left[i], right[j], "same", i + 1, j + 1) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)
            ]
            continue
        for offset in range(max(i2 - i1, j2 - j1)):
            i, j = i1 + offset, j1 + offset
            has_left, has_right = i < i2, j < j2
            kind = "changed" if has_left and has_right else "removed" if has_left else "added"
            rows.append(
                Row(
                    left[i] if has_left else None,
                    right[j] if has_right else None,
                    kind,
                    i + 1 if has_left else None,
                    j + 1 if has_right else None,
                )
            )
    return rows


def summary(rows):
    """How many lines differ, for the page's headline."""
    return sum(1 for row in rows if row.kind != "same")
