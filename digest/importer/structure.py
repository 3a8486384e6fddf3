"""What every reader (plain text, our Markdown, a saved HTML page) produces: one plain structure."""

import datetime
from dataclasses import dataclass, field

# The reviewer of a review whose post names nobody, per language of the post (a review needs one).
UNKNOWN_REVIEWER = {
    "ru": "Автор неизвестен",
    "en": "Unknown reviewer",
    "es": "Autor desconocido",
    "hi": "अज्ञात समीक्षक",
    "zh": "未知作者",
}


class PostImportError(Exception):
    """The input is not a post we can read; nothing was written. Says where and what was expected."""

    def __init__(self, message, line=None, *, code="", **params):
        super().__init__(message)
        self.message, self.line = message, line
        self.code, self.params = code, params  # for the desk to say it in its own words

    def __str__(self):
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass
class ParsedLink:
    kind: str  # reviews.enums.LinkKind value
    label: str
    url: str = ""


@dataclass
class ParsedEntry:
    line: int
    number: int
    title: str
    authors: str = ""
    affiliations: str = ""
    year: int | None = None
    original_label: str = ""
    original_url: str = ""
    links: list = field(default_factory=list)  # ParsedLink
    reviewer_name: str = ""
    chat_handle: str = ""
    blog_handle: str = ""
    reviewer_address: str = ""  # "name@host.ee", written in the post as "name {at} host {dot} ee"
    body: str = ""  # markdown
    contents_title: str = ""  # the title as the table of contents gives it, when it does
    header_lines: int = 0  # how many header lines were read under the heading
    notes: list = field(default_factory=list)  # notes.Note about this review: what is missing or unsure

    @property
    def display_name(self):
        """The reviewer's name; a copy that lost the name keeps at least the handle (or the address's name)."""
        return self.reviewer_name or self.chat_handle or self.blog_handle or self.reviewer_address.split("@")[0]


@dataclass
class ParsedPost:
    source_format: str  # "text", "markdown" or "html"
    language: str = ""
    title: str = ""
    intro: str = ""  # markdown
    toc_heading: str = ""
    previous_heading: str = ""
    previous: list = field(default_factory=list)  # ParsedLink to earlier issues
    entries: list = field(default_factory=list)  # ParsedEntry
    outro: str = ""  # markdown
    period_start: datetime.date | None = None
    period_end: datetime.date | None = None
    part: int | None = None
    url: str = ""
    labels: dict = field(default_factory=dict)  # the post's own wording of the series labels
    notes: list = field(default_factory=list)  # what was read loosely or left out (notes.Note or str)
    strict: bool = False  # read all-or-nothing (parse.Reader) rather than tolerantly (tolerant.TolerantReader)
    text: str = ""  # the post as read, for Issue.published_text
