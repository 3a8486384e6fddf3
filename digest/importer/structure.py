"""What every reader (plain text, our Markdown, a saved HTML page) produces: one plain structure."""

import datetime
from dataclasses import dataclass, field


class PostImportError(Exception):
    """The input is not a post we can read; nothing was written. Says where and what was expected."""

    def __init__(self, message, line=None):
        super().__init__(message)
        self.message, self.line = message, line

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
    body: str = ""  # markdown

    @property
    def display_name(self):
        """The reviewer's name; a copy that lost the name keeps at least the handle."""
        return self.reviewer_name or self.chat_handle or self.blog_handle


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
    notes: list = field(default_factory=list)  # what was read loosely or left out
    text: str = ""  # the post as read, for Issue.published_text
