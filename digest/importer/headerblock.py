"""The tolerant reader's header lines: each optional, in any order, labelled in any of our languages,
machine-translated, or with the label lost.

A line is one of three kinds: the paper's authors ("Authors: A, B (Lab, 2019)", ": A, B (USA, 2020)",
"A, B (Lab, 2019)"), its links ("→ Original article :: Code", "Original article", "→ Site" one per
line, a line of links split over two lines), or the review's author ("Review author: Name (in Slack
handle)", "Posted by: handle", ": ( handle, habr handle)", "name {at} host {dot} ee").
`kind_of(..., confident=True)` answers only for lines that could be nothing else: the shape that
tells a review's heading from a line of its text.
"""

import re

from . import header

ARROWS = ("→", "⟶", "➔", "->", "[→", "[->")
COLON = re.compile(r"[:：]")
YEAR = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
URL_LINE = re.compile(r"^<?https?://\S+>?$")
PARTICLES = {
    "de", "van", "der", "von", "di", "del", "della", "la", "le", "da", "dos", "du", "al", "bin", "ibn", "el",
    "den", "ter", "y", "et", "al.", "и", "and", "jr", "jr.", "zu",
}  # fmt: skip
NAME_SEPARATORS = re.compile(r",|;|\s+(?:and|&|и|y)\s+")
REVIEWER_PREFIX = re.compile(
    r"^(posted by|reviewed by|review by|review written by|обзор подготовил|обзор написал|publicado por|reseña de)\s+\S",
    re.I,
)
OBFUSCATED = re.compile(
    r"(?P<local>[\w.+-]+)\s*(?:\{at\}|\[at\]|\(at\)|<at>|\s+at\s+|@)\s*"
    r"(?P<domain>[\w-]+(?:\s*(?:\{dot\}|\[dot\]|\(dot\)|<dot>|\s+dot\s+|\.)\s*[\w-]+)+)",
    re.I,
)
DOT = re.compile(r"\s*(?:\{dot\}|\[dot\]|\(dot\)|<dot>|\s+dot\s+|\.)\s*", re.I)
HANDLE = re.compile(r"^@?[\w.\-]+$")
DASH_LABEL = re.compile(r"^(\S[^—–]{1,50}?)\s+[—–-]\s+(\S.*)$")
PIPES = re.compile(r"\s+\|\s+")


def split_label(text, vocabulary=None):
    """ "Authors: A, B" -> ("Authors", "A, B", True); ": A" -> ("", "A", True); no colon -> ("", text, False).

    A colon inside a web address is not a label's. Given the vocabulary, a dash after a known label
    counts as its colon ("Review author — Name (handle)")."""
    for match in COLON.finditer(text):
        if text[match.end() : match.end() + 2] == "//":
            continue
        return text[: match.start()].strip(), text[match.end() :].strip(), True
    match = DASH_LABEL.match(text.strip()) if vocabulary is not None else None
    if match and vocabulary.label_kind(match.group(1)) in {"authors", "reviewer"}:
        return match.group(1).strip(), match.group(2).strip(), True
    return "", text.strip(), False


def looks_like_names(text):
    """ "Simon Carbonnelle, Christophe De Vleeschouwer", "J. Kirkpatrick, et. al.", "李佳政" -> True."""
    text = text.strip()
    if not text or text[0] in ".,;:-–—()[]" or len(text) > 2000:
        return False
    parts = [part.strip() for part in NAME_SEPARATORS.split(text) if part.strip()]
    if not parts:
        return False
    for part in parts:
        words = part.split()
        if len(words) > 6:
            return False
        for word in words:
            core = word.strip(".'’-‐")
            if not core or core.casefold() in PARTICLES:
                continue
            if any(char.isdigit() for char in core):
                return False
            first = core[0]
            if first.isalpha() and not first.isupper() and first.lower() != first.upper():
                return False  # a lower-case word of a cased script: a sentence, not a name
            if not first.isalpha():
                return False
    return True


def _names_count(names):
    return len([part for part in NAME_SEPARATORS.split(names) if part.strip()])


def mentions_handles(details, vocabulary):
    words = {word.casefold().strip("@:") for word in details.split()}
    return bool(words & (vocabulary.chat | vocabulary.blog))


def is_links_line(plain_text, raw, vocabulary, markup):
    """A line of links: only link labels, addresses and separators."""
    parts = header.split_links_line(raw.strip() if markup else plain_text)
    labels = [header.link_segment(part, markup) for part in parts]
    filled = [(label, url) for label, url in labels if label or url]
    if not filled:
        return False
    return all(vocabulary.is_link_label(label) or (url and len(label) < 60) for label, url in filled)


def kind_of(raw, vocabulary, *, markup, seen=(), confident=False):
    """ "authors", "links", "reviewer" or None for one line under a review's heading."""
    stripped = raw.strip()
    if not stripped or len(stripped) > 2000:
        return None
    text = header.plain(stripped, markup) if markup else stripped
    if not text:
        return None
    if text.startswith(ARROWS) or stripped.startswith(ARROWS) or text.startswith("::") or " :: " in text:
        return "links"
    if " | " in text and all(vocabulary.is_link_label(part) for part in PIPES.split(text.strip())):
        return "links"
    label, rest, colon = split_label(text, vocabulary)
    if colon and label:
        kind = vocabulary.label_kind(label)
        if kind:
            return kind
        if confident or len(label.split()) > 4:
            return None
    if colon and not label:
        return _label_lost(rest, vocabulary, seen, confident)
    if not colon and REVIEWER_PREFIX.match(text):
        return "reviewer"
    names, details = header.split_details(text)
    if details and mentions_handles(details, vocabulary) and (not names or looks_like_names(names)):
        return "reviewer"
    if (
        names
        and details
        and YEAR.search(details)
        and looks_like_names(names)
        and (_names_count(names) > 1 or "al." in names)
    ):
        return "authors"
    if OBFUSCATED.fullmatch(text.strip()) and "reviewer" not in seen:
        return "reviewer"
    if vocabulary.is_link_label(text) and vocabulary.is_label("original_label", text):
        return "links"
    if confident:
        return None
    if is_links_line(text, stripped, vocabulary, markup) or URL_LINE.match(text):
        return "links"
    return None


def _label_lost(rest, vocabulary, seen, confident):
    """A line whose label a copy lost: ": A, B (USA, 2020)", ": ( handle, habr handle)", ":: Code"."""
    if not rest:
        return None
    if rest.startswith("("):
        return "reviewer"
    if rest.startswith(":"):
        return "links"
    names, details = header.split_details(rest)
    if details and mentions_handles(details, vocabulary):
        return "reviewer"
    if names and looks_like_names(names):
        if details and YEAR.search(details) or _names_count(names) > 1:
            return "authors" if "authors" not in seen else "reviewer"
        if not confident:
            return "reviewer" if ("authors" in seen or "links" in seen) else "authors"
    if not confident and ("authors" in seen or "links" in seen):
        return "reviewer"
    return None


def parse_reviewer(rest, vocabulary, markup):
    """-> (name, chat handle, blog handle, address) from what follows the review author's label."""
    address = ""
    text = header.plain(rest, markup) if markup else rest.strip()
    if match := OBFUSCATED.search(text):
        remainder = (text[: match.start()] + text[match.end() :]).strip(" ,;()")
        if not remainder or len(remainder) < len(match.group(0)):
            address = f"{match.group('local')}@{DOT.sub('.', match.group('domain'))}".casefold()
            rest = remainder
            markup = False
    if REVIEWER_PREFIX.match(rest.strip()):
        rest = REVIEWER_PREFIX.sub(lambda found: found.group(0)[-1], rest.strip(), count=1)
    name, chat, blog = header.parse_reviewer(rest, vocabulary, markup)
    if name and not chat and not blog and _handle_like(name):
        name, chat = "", name.lstrip("@")
    return name, chat, blog, address


def _handle_like(text):
    """ "egor_panfilov", "@ann", "user123", "a.b" are handles; "Anna" and "Anna Lee" are names."""
    if not HANDLE.match(text):
        return False
    return text.startswith("@") or any(char in text for char in "_.0123456789") or text[0].islower()
