"""The tolerant reader: a post imports whenever its reviews can be found.

Reviews are found from several signals, not one:
- a heading "N. Title" (numbered), or heading markup (## Title, a bold paragraph);
- the shape of a header block under it (authors, links, review author: see headerblock.py);
- the table of contents, when there is one: its items are aligned, in order, with the lines further
  down by fuzzy title matching (fuzzy.py), so a typo, a stray bracket or a word a translation
  changed still finds its review. Where the contents and the heading disagree the heading wins,
  and the review's notes say so (the contents' side lives in contents.py).

Header lines are read in any order (reviewheader.py), each optional; whatever cannot be read stays empty and the
review's notes (annotate.py) say what is missing. The strict reader (parse.Reader) is the
all-or-nothing one; both share the dialects, the front matter and the end of the post.
"""

import re
from dataclasses import dataclass

from ..labels import DEFAULTS
from . import header, headerblock
from .contents import ContentsMixin
from .detect import YEAR, month_names
from .fuzzy import normalise
from .notes import Note
from .parse import ANCHOR_LINE, FURNITURE, NUMBERED, SKIPPED_BETWEEN, Line, Reader
from .reviewheader import BLANKS_BETWEEN, ReviewHeaderMixin
from .structure import ParsedEntry, PostImportError

ZH_MONTH = re.compile(r"(?:19|20)\d\d\s*年\s*\d{1,2}\s*月")
MAX_HEADING = 300  # characters: a longer line is a paragraph, not a heading
LEADING_BLANKS = 4  # blank lines allowed between a heading and its header block


def names_a_period(text):
    """Whether a line names a month and a year in any of our languages ("Июль — Сентябрь 2019", "2020年4月")."""
    if not YEAR.search(text):
        return False
    words = {word.casefold() for word in re.findall(r"\w+", text)}
    return bool(ZH_MONTH.search(text)) or any(words & set(month_names(language)) for language in DEFAULTS)


NO_REVIEWS = (
    "expected a post: found no reviews in it (no headings “1. Title” with their header lines “Authors: …”, "
    "“→ Original article”, “Review author: …” under them, and no table of contents whose titles head reviews "
    "further down)"
)


@dataclass
class Candidate:
    """A line that may head a review."""

    index: int
    number: int | None
    title: str
    markup: bool
    strength: int  # confident header lines under it (0 to 3)

    @property
    def strong(self):
        return (
            self.strength >= 2
            or (self.strength >= 1 and (self.number is not None or self.markup))
            or (self.markup and self.number is not None)
        )


class TolerantReader(ContentsMixin, ReviewHeaderMixin, Reader):
    def __init__(self, lines, dialect, vocabulary, *, source_format):
        super().__init__(lines, dialect, vocabulary, source_format=source_format)
        self.markup = dialect.markup

    # --- the signals ------------------------------------------------------------------------------

    def header_line(self, index):
        """A line as a header line: Markdown's bold around a label ("**Authors:** A, B") goes."""
        text = self.dialect.header_line(self.lines[index])
        return BOLD.sub(r"\1", text) if self.markup and ("**" in text or "__" in text) else text

    def header_kind(self, index, seen=(), *, confident=False):
        return headerblock.kind_of(
            self.header_line(index),
            self.vocabulary,
            markup=self.markup,
            seen=seen,
            confident=confident,
        )

    def next_filled(self, index, stop, blanks, *, images=False):
        """The next non-blank line from `index` on, across at most `blanks` blank lines (and, with
        `images`, lines holding only a picture), or None."""
        skipped = 0
        while index < stop and (not self.lines[index].text or images and self.is_image(index)):
            index += 1
            skipped += not self.lines[index - 1].text
        return index if index < stop and skipped <= blanks else None

    def is_image(self, index):
        return self.markup and bool(IMAGE_LINE.match(self.lines[index].text))

    def header_strength(self, index):
        """How many confident header lines follow line `index` (blank lines allowed before and between)."""
        seen, position = [], self.next_filled(index + 1, len(self.lines), LEADING_BLANKS, images=True)
        while position is not None and len(seen) < 3:
            kind = self.header_kind(position, seen, confident=True)
            if kind is None or (kind in seen and kind != "links"):
                break
            seen.append(kind)
            position = self.next_filled(position + 1, len(self.lines), BLANKS_BETWEEN)
        return len(set(seen))

    def heading_text(self, line):
        """The words of a line as a heading: Markdown's marks, escapes and a final hard break go."""
        text = self.dialect.heading(line)
        if self.markup:
            text = header.strip_emphasis(header.unescape(text.rstrip("\\").rstrip()))
        return text

    def find_candidates(self, start):
        candidates = []
        for index in range(start, len(self.lines)):
            line = self.lines[index]
            text = line.text
            if not text or SKIPPED_BETWEEN.match(text) or FURNITURE.match(text) or ANCHOR_LINE.match(text):
                continue
            heading = self.heading_text(line)
            numbered = NUMBERED.match(heading)
            title = " ".join(self.plain(numbered.group(2) if numbered else heading).split())
            if numbered is None and NUMBER_ONLY.match(heading):
                numbered, title = NUMBER_ONLY.match(heading), ""
            if len(title) > MAX_HEADING or (not title and numbered is None) or title.endswith((":", "：")):
                continue
            if self.header_kind(index, confident=True) is not None or BULLET.match(self.item_text(index)):
                continue  # a header line, or a bulleted list item, heads no review
            markup = self.markup and (line.raw.lstrip().startswith("#") or _bold_line(text))
            number = int(numbered.group(1)) if numbered else None
            candidates.append(Candidate(index, number, title, markup, self.header_strength(index)))
        return candidates

    # --- the table of contents ------------------------------------------------------------------

    def headings_with_contents(self, run, matches):
        """[(candidate, contents item or None)] in order: the matched ones, and strong headings the contents miss."""
        found = {candidate.index: (candidate, run[position - 1]) for position, candidate in matches.items()}
        for candidate in self.candidates:
            if candidate.index > run[-1][0] and candidate.index not in found and candidate.strong:
                found[candidate.index] = (candidate, None)
        for position, item in enumerate(run, start=1):
            if position not in matches:
                title = header.split_details(self.plain(item[2]))[0]
                self.post.notes.append(Note("contents_without_review", line=self.lines[item[0]].number, title=title))
        return [found[index] for index in sorted(found)]

    def headings_without_contents(self):
        strong = [candidate for candidate in self.candidates if candidate.strong]
        if not strong:
            return []
        chosen = {candidate.index: candidate for candidate in strong}
        numbered = [candidate for candidate in strong if candidate.number is not None]
        weak = [candidate for candidate in self.candidates if candidate.number is not None and self.isolated(candidate)]
        bounds = [(None, 0), *((candidate.index, candidate.number) for candidate in numbered), (len(self.lines), None)]
        for (low_index, low_number), (high_index, high_number) in zip(bounds, bounds[1:], strict=False):
            wanted = (low_number or 0) + 1
            for candidate in weak:
                inside = (low_index is None or candidate.index > low_index) and candidate.index < high_index
                if inside and candidate.number == wanted and (high_number is None or wanted < high_number):
                    chosen.setdefault(candidate.index, candidate)
                    wanted += 1
        self.post.notes.append(Note("no_contents"))
        return [(chosen[index], None) for index in sorted(chosen)]

    def isolated(self, candidate):
        """A numbered line standing alone (blank lines around it), as a heading does and a list item does not."""
        index = candidate.index
        before = index == 0 or not self.lines[index - 1].text
        after = index + 1 >= len(self.lines) or not self.lines[index + 1].text
        return before and after and len(candidate.title) <= 200

    def read(self, *, title=""):
        start = 0
        if title:
            self.post.title = title
        elif self.markup:
            first = next((i for i, line in enumerate(self.lines) if line.text), None)
            if first is not None and self.lines[first].text.startswith("# "):
                self.post.title = self.dialect.heading(self.lines[first])
                start = first + 1
        self.candidates = self.find_candidates(start)
        self.strong_lines = {candidate.index for candidate in self.candidates if candidate.strong}
        contents = self.find_contents(start, self.candidates)
        headings = self.headings_with_contents(*contents) if contents else self.headings_without_contents()
        headings = [(candidate, item) for candidate, item in headings if candidate.index >= start]
        bounds = [candidate.index for candidate, _item in headings] + [len(self.lines)]
        entries = []
        for position, (candidate, item) in enumerate(headings):
            last = position == len(headings) - 1
            index, entry = self.read_entry_tolerantly(candidate, bounds[position + 1], item, last=last)
            if entry.header_lines or entry.body.strip() or item is not None:
                if contents and item is None:
                    entry.notes.append(Note("not_in_contents", field="title"))
                entries.append((index, entry))
        if not entries:
            first = next((line.number for line in self.lines[start:] if line.text), 1)
            raise PostImportError(NO_REVIEWS, first)
        first = min(entry_index for entry_index, _entry in entries)
        if contents:
            run = contents[0]
            self.read_front(start, run[0][0])
            self.read_between(run[-1][0] + 1, first)
        else:
            self.read_front(start, first)
        for number, (_index, entry) in enumerate(entries, start=1):
            entry.number = number
            self.post.entries.append(entry)
        return self.post

    def read_front(self, start, toc_start):
        """parse.Reader.read_front, also when the contents heading ends a paragraph of <br>-separated lines."""
        lines = self.lines[start:toc_start]
        filled = [i for i, line in enumerate(lines) if line.text]
        if filled:
            last = self.plain(self.item_text(start + filled[-1]))
            if self.vocabulary.is_label("toc_heading", last) or last.rstrip("*_").endswith(":"):
                self.post.toc_heading = last
                self.remember_label("toc_heading", last)
                lines = lines[: filled[-1]]
                filled = filled[:-1]
                if lines and lines[-1].raw.endswith("\\"):
                    lines[-1] = Line(lines[-1].number, lines[-1].raw[:-1])
        if not self.markup and not self.post.title and len(filled) >= 2:
            dated = next((i for i in filled[:-1] if len(lines[i].text) < 200 and names_a_period(lines[i].text)), None)
            first = filled[0] if dated is None else dated
            if first + 1 < len(lines) and not lines[first + 1].text and len(lines[first].text) < 200:
                if first != filled[0]:  # a page copied whole: its menus come before the post's title
                    self.post.notes.append(Note("before_title", line=lines[filled[0]].number))
                self.post.title = lines[first].text
                lines = lines[first + 1 :]
        self.post.intro = self.dialect.block(lines)

    def read_entry_tolerantly(self, candidate, stop, item, *, last):
        index = candidate.index
        entry = ParsedEntry(line=self.lines[index].number, number=0, title=candidate.title)
        title, details = header.split_details(entry.title)
        if details and headerblock.YEAR.search(details) and title:  # "1. Title (Lab, 2019)" as the heading
            entry.title = title
        else:
            details = ""
        if item is not None:
            contents_title, details = header.split_details(self.plain(item[2]))
            entry.contents_title = " ".join(contents_title.split())
            if not entry.title:
                entry.title = entry.contents_title
                entry.notes.append(Note("title_from_contents", field="title"))
            elif normalise(entry.title) != normalise(entry.contents_title):
                entry.notes.append(Note("title_differs", field="title", contents=entry.contents_title))
        body_start, pictures = self.read_header(entry, index + 1, stop)
        body = self.lines[body_start:stop]
        if pictures:
            while body and not body[0].text:
                body = body[1:]
            body = pictures + body
        while body and (not body[-1].text or ANCHOR_LINE.match(body[-1].text)):
            body = body[:-1]
        if last:
            body = self.read_end(body)
        entry.body = self.dialect.block(body)
        if item is not None and not details:
            _title, details = header.split_details(self.plain(item[2]))
        if details and not (entry.affiliations or entry.year):
            entry.affiliations, entry.year = header.parse_details(details)
        return index, entry


BOLD = re.compile(r"(?<!\w)(?:\*\*|__)(.+?)(?:\*\*|__)(?!\w)")
BULLET = re.compile(r"^[-*+•]\s+\S")
NUMBER_ONLY = re.compile(r"^(\d{1,3})[.)]$")
IMAGE_LINE = re.compile(r"^(\[)?!\[[^\]]*\]\([^)]*\)(?(1)\]\([^)]*\))\\?$")


def _bold_line(text):
    return len(text) > 4 and any(text.startswith(mark) and text.endswith(mark) for mark in ("**", "__"))
