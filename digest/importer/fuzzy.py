"""Titles compared the way a person would: a typo, a stray bracket or a word a translation changed
still leaves the same title.

Both sides are normalised (case folded, accents and punctuation, brackets and quotes gone, spaces
collapsed) and compared by difflib's ratio of matching characters, with a word-set ratio beside it
so that a reordered or dropped word costs little.
"""

import difflib
import re
import unicodedata

WORD = re.compile(r"\w+")


def normalise(text):
    """ "«Layer Rotation»: a (surprisingly) powerful…" -> "layer rotation a surprisingly powerful"."""
    text = unicodedata.normalize("NFKD", text or "").casefold()
    text = "".join(char for char in text if not unicodedata.combining(char))
    return " ".join(WORD.findall(text.replace("_", " ")))


def similarity(first, second):
    """0..1: how alike two titles are once normalised."""
    a, b = normalise(first), normalise(second)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < 0.5:
        return matcher.real_quick_ratio()
    characters = matcher.ratio()
    words_a, words_b = set(a.split()), set(b.split())
    words = 2 * len(words_a & words_b) / (len(words_a) + len(words_b))
    return max(characters, words)


def is_prefix(short, long):
    """Whether `short` is the start of `long` (a title cut off by a copy), normalised, and not too short."""
    a, b = normalise(short), normalise(long)
    return len(a) >= 12 and b.startswith(a)
