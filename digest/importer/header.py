"""The three lines under each review's heading: paper authors, links, review author.

"Авторы статьи: A, B (Affiliation, 2019)", "→ Оригинал статьи :: GitHub project", "Автор обзора:
Name (в слэке handle, на хабре handle)" — and what copies make of them: labels lost (": A, B (…)",
":: GitHub project", ": ( handle, habr handle)"), machine-translated ("in Slak handle"), handles
as links to the blog's user page.
"""

import re

from reviews.models import parse_arxiv_id

from ..export.escape import MATH
from .structure import ParsedLink
from .vocabulary import FILLER_WORDS, classify_link

LINK = re.compile(r"(!?)\[((?:\\.|[^\]\\])*)\]\((<[^>]*>|[^)\s]*)\)")
TEXT_LINK = re.compile(r"^(.*?)\s*\((https?://[^\s()]+)\)$")
ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")
ARROWS = "→->⟶➔ "
YEAR_AT_END = re.compile(r"(?:^|[\s,;])((?:19|20)\d\d)\s*$")
BLOG_USER = re.compile(r"https?://(?:www\.)?(?:habr\.com|habrahabr\.ru)/(?:[a-z]{2}/)?users/([^/?#]+)", re.I)
PAPER_URL = re.compile(
    r"arxiv\.org|doi\.org|openreview\.net|aclanthology|aclweb|\.pdf(\?|$)|/abs/|papers\.nips|pnas\.org", re.I
)


def unescape(text):
    """Markdown backslash escapes removed, except inside formulas."""
    out, position = [], 0
    for match in MATH.finditer(text):
        out += [ESCAPED.sub(r"\1", text[position : match.start()]), match.group(0)]
        position = match.end()
    out.append(ESCAPED.sub(r"\1", text[position:]))
    return "".join(out)


def strip_emphasis(text):
    text = text.strip()
    for marker in ("**", "__", "*", "_"):
        if len(text) > 2 * len(marker) and text.startswith(marker) and text.endswith(marker):
            return text[len(marker) : -len(marker)].strip()
    return text


def links_in(text):
    """[(label, url)] of the Markdown links in `text`, images left out."""
    return [(unescape(label), url.strip("<>")) for bang, label, url in LINK.findall(text) if not bang]


def plain(text, markup):
    """The words of a line: Markdown links become their text, escapes and emphasis go."""
    if not markup:
        return text.strip()
    text = LINK.sub(lambda match: "" if match.group(1) else match.group(2), text)
    return strip_emphasis(unescape(text)).strip()


def split_details(text):
    """ "A, B (Affiliation, 2019)" -> ("A, B", "Affiliation, 2019"); also an unclosed "(…, 2019"."""
    text = text.strip()
    if text.endswith(")"):
        depth = 0
        for index in range(len(text) - 1, -1, -1):
            depth += {")": 1, "(": -1}.get(text[index], 0)
            if depth == 0:
                return text[:index].strip(), text[index + 1 : -1].strip()
    match = re.search(r"\(([^()]*)$", text)
    if match and YEAR_AT_END.search(match.group(1)):
        return text[: match.start()].strip(), match.group(1).strip()
    return text, ""


def parse_details(details):
    """ "Google Research, 2019" -> ("Google Research", 2019)."""
    match = YEAR_AT_END.search(details)
    if not match:
        return details.strip(" ,"), None
    return details[: match.start(1)].strip(" ,;"), int(match.group(1))


def after_label(line):
    """The text after the label's colon ("Authors: A, B" -> "A, B"; ": A, B" -> "A, B")."""
    return line.partition(":")[2].strip()


def parse_authors(rest):
    authors, details = split_details(rest)
    affiliations, year = parse_details(details)
    return " ".join(authors.split()), " ".join(affiliations.split()), year


def link_segment(segment, markup):
    """One part of the links line -> (label, url)."""
    found = links_in(segment) if markup else []
    if found:
        label, url = found[0]
        return plain(label, markup).strip(ARROWS), url
    segment = plain(segment, markup)
    if match := TEXT_LINK.match(segment):
        return match.group(1).strip(ARROWS), match.group(2)
    return segment.strip(ARROWS), ""


def split_links_line(line):
    """The parts of a links line between the "::" separators (never inside a Markdown link)."""
    protected = LINK.sub(lambda match: match.group(0).replace("::", "\x00"), line)
    return [part.replace("\x00", "::") for part in re.split(r"\s*::\s*", protected)]


def parse_links_line(line, vocabulary, markup):
    """-> (original label, original URL, [ParsedLink-like (kind, label, url)], notes)."""
    parts = [link_segment(part, markup) for part in split_links_line(line.strip())]
    original_label, original_url, links, notes = "", "", [], []
    first_label, first_url = parts[0]
    if not first_label or vocabulary.is_label("original_label", first_label) or PAPER_URL.search(first_url):
        original_label, original_url = first_label, first_url
        parts = parts[1:]
    for label, url in parts:
        if not label and not url:
            notes.append("a link with neither label nor URL was left out")
            continue
        links.append(ParsedLink(classify_link(label, url), label, url))
    return original_label, original_url, links, notes


def parse_reviewer(rest, vocabulary, markup):
    """ "Name (в слэке handle, на хабре handle)" -> (name, chat handle, blog handle)."""
    blog_from_link = ""
    if markup:
        for _label, url in links_in(rest):
            if match := BLOG_USER.match(url):
                blog_from_link = match.group(1)
        rest = LINK.sub(lambda match: "" if BLOG_USER.match(match.group(3).strip("<>")) else match.group(2), rest)
        rest = unescape(rest)
    name, handles = rest.strip(), ""
    if match := re.search(r"\(([^()]*)\)?\s*$", name):
        name, handles = name[: match.start()].strip(), match.group(1)
    chat = blog = ""
    unassigned = []
    for part in handles.split(","):
        words = part.split()
        keys = [word.casefold().strip("@:") for word in words]
        label_words = vocabulary.chat | vocabulary.blog | FILLER_WORDS
        handle = " ".join(
            word.lstrip("@") for word, key in zip(words, keys, strict=True) if key and key not in label_words
        )
        if not handle:
            continue
        if any(key in vocabulary.blog for key in keys) and not blog:
            blog = handle
        elif any(key in vocabulary.chat for key in keys) and not chat:
            chat = handle
        else:
            unassigned.append(handle)
    for handle in unassigned:
        if not chat:
            chat = handle
        elif not blog:
            blog = handle
    return " ".join(name.split()), chat, blog or blog_from_link


def arxiv_id_of(url):
    return parse_arxiv_id(url) if "arxiv.org" in (url or "") else ""
