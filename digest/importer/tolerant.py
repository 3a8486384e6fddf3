"""The tolerant reader: a post imports whenever its reviews can be found.

Reviews are found from several signals, not one:
- a heading "N. Title" (numbered), or heading markup (## Title, a bold paragraph);
- the shape of a header block under it (authors, links, review author: see headerblock.py);
- the table of contents, when there is one: its items are aligned, in order, with the lines further
  down by fuzzy title matching (fuzzy.py), so a typo, a stray bracket or a word a translation
  changed still finds its review. Where the contents and the heading disagree the heading wins,
  and the review's notes say so.

Header lines are read in any order, each optional; whatever cannot be read stays empty and the
review's notes (annotate.py) say what is missing. The strict reader (parse.Reader) is the
all-or-nothing one; both share the dialects, the front matter and the end of the post.
"""

import re
from dataclasses import dataclass

from . import header, headerblock
from .fuzzy import is_prefix, normalise, similarity
from .notes import Note
from .parse import ANCHOR_LINE, FURNITURE, ITEM, NUMBERED, SKIPPED_BETWEEN, Line, Reader
from .structure import ParsedEntry, ParsedLink, PostImportError
from .vocabulary import classify_link

MAX_RUNS_WITHOUT_HEADINGS = 12  # lists tried as the contents when no heading has a header under it
MAX_HEADING = 300  # characters: a longer line is a paragraph, not a heading
LEADING_BLANKS = 4  # blank lines allowed between a heading and its header block
LABEL_URL = re.compile(r"^(.*?\S)\s*(?:[:：]\s*|\s)<?(https?://[^\s<>]+)>?$")
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


class TolerantReader(Reader):
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
            position = self.next_filled(position + 1, len(self.lines), 1)
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

    def contents_runs(self, start, stop):
        """Lists that may be the table of contents: list runs, and lines of bare titles after its heading."""
        runs = [run for run in self.list_runs(start) if run[0][0] < stop]
        for index in range(start, min(stop, len(self.lines))):
            text = self.item_text(index)
            if not text or not (self.vocabulary.is_label("toc_heading", text) or TOC_HEADING.match(text)):
                continue
            run, position = [], index + 1
            while position < len(self.lines):
                line = self.lines[position]
                if not line.text:
                    if run and position + 1 < len(self.lines) and not self.lines[position + 1].text:
                        break
                    position += 1
                    continue
                item = self.item_text(position)
                words = self.plain(item)
                if len(words) > MAX_HEADING or position in self.strong_lines or ITEM.match(item) or words.endswith(":"):
                    break
                run.append((position, None, item))
                position += 1
            if run:
                runs.append(run)
        return sorted(runs, key=lambda run: run[0][0])

    def item_text(self, index):
        """A line as a list item or a title: without Markdown's escapes and final hard break."""
        text = self.lines[index].text
        if self.markup:
            text = header.unescape(self.dialect.header_line(self.lines[index]))
        return text

    def list_runs(self, start):
        """parse.Reader.list_runs on the lines' words (a page's "1\\. Title\\" is an item too)."""
        runs, current = [], []
        for index in range(start, len(self.lines)):
            text = self.item_text(index)
            match = ITEM.match(text) if not SKIPPED_BETWEEN.match(text) else None
            if match and current and not self._continues(current[-1][1], match.group(1)):
                runs.append(current)
                current = []
            if match:
                current.append((index, match.group(1), match.group(2)))
            elif text and current:
                runs.append(current)
                current = []
        if current:
            runs.append(current)
        return runs

    def align(self, items, candidates):
        """The best in-order matching of contents items to candidate headings: {item position: candidate}."""
        titles = [header.split_details(self.plain(text))[0] for _index, _number, text in items]
        rows, columns = len(titles), len(candidates)
        if not rows or not columns:
            return {}
        scores = [[self.match_score(position, title, candidate) for candidate in candidates]
                  for position, title in enumerate(titles, start=1)]  # fmt: skip
        best = [[0.0] * (columns + 1) for _row in range(rows + 1)]
        for row in range(1, rows + 1):
            for column in range(1, columns + 1):
                score = scores[row - 1][column - 1]
                diagonal = best[row - 1][column - 1] + score if score is not None else -1.0
                best[row][column] = max(best[row - 1][column], best[row][column - 1], diagonal)
        matches, row, column = {}, rows, columns
        while row and column:
            score = scores[row - 1][column - 1]
            if score is not None and best[row][column] == best[row - 1][column - 1] + score:
                matches[row] = candidates[column - 1]
                row, column = row - 1, column - 1
            elif best[row][column] == best[row - 1][column]:
                row -= 1
            else:
                column -= 1
        return matches

    @staticmethod
    def match_score(position, title, candidate):
        """How well a contents item matches a candidate heading; None when it does not."""
        bonus = 0.5 * bool(candidate.strength) + 0.3 * (candidate.number == position) + 0.2 * candidate.markup
        if not candidate.title:  # "3." alone: the number and the header under it must say it
            return 0.6 + bonus if candidate.number == position and candidate.strength else None
        likeness = similarity(title, candidate.title)
        prefix = is_prefix(candidate.title, title) or is_prefix(title, candidate.title)
        if likeness >= 0.8 or prefix or (likeness >= 0.55 and (candidate.strength or candidate.number == position)):
            return max(likeness, 0.8 if prefix else 0.0) + bonus
        return None

    def find_contents(self, start, candidates):
        """(the contents run, {item position: candidate}) for the first list that heads reviews, or None."""
        strong = [candidate.index for candidate in candidates if candidate.strong]
        stop = strong[0] if strong else len(self.lines)
        for run in self.contents_runs(start, stop)[: None if strong else MAX_RUNS_WITHOUT_HEADINGS]:
            after = [candidate for candidate in candidates if candidate.index > run[-1][0]]
            matches = self.align(run, after)
            shaped = any(found.strength or found.number is not None or found.markup for found in matches.values())
            if matches and 2 * len(matches) >= len(run) and shaped:
                return run, matches
        return None

    # --- the reviews ------------------------------------------------------------------------------

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
            first = filled[0]
            if first + 1 < len(lines) and not lines[first + 1].text and len(lines[first].text) < 200:
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

    # --- one review's header ----------------------------------------------------------------------

    def read_header(self, entry, start, stop):
        """Reads the header lines, in any order, into `entry` -> (the index where the body starts, the
        pictures between the heading and the header, which go to the top of the body)."""
        index = start
        while index < stop and not self.lines[index].text:
            index += 1
        first, pictures = index, []
        while index < stop and (self.is_image(index) or not self.lines[index].text):
            pictures += [self.lines[index]] if self.lines[index].text else []
            index += 1
        seen, links = [], []
        while index < stop:
            if not self.lines[index].text:
                following = self.next_filled(index, stop, 1)
                if following is None or not seen:
                    break
                kind = self.header_kind(following, seen, confident=True)
                if kind is None or (kind in seen and kind != "links"):
                    break
                index = following
            kind = self.header_kind(index, seen)
            if kind is None or (kind in seen and kind != "links"):
                break
            raw = self.header_line(index)
            if kind == "links":
                links.append((raw, self.lines[index].number))
            else:
                self.read_header_line(entry, kind, raw)
            seen.append(kind)
            index += 1
        self.read_links(entry, links)
        entry.header_lines = len(seen)
        if not seen:
            return first, []
        return index, [line for picture in pictures for line in (picture, Line(picture.number, ""))]

    def read_header_line(self, entry, kind, raw):
        label, rest, colon = headerblock.split_label(raw, self.vocabulary)
        text_label = self.plain(label) if self.markup else label
        labelled = bool(colon and text_label and self.vocabulary.label_kind(text_label))
        if not labelled:
            rest = rest if colon and not text_label else raw.strip()
        if kind == "authors":
            entry.authors, entry.affiliations, entry.year = header.parse_authors(
                self.plain(rest) if self.markup else rest
            )
            if labelled:
                self.remember_label("authors_label", label)
            return
        entry.reviewer_name, entry.chat_handle, entry.blog_handle, entry.reviewer_address = headerblock.parse_reviewer(
            rest, self.vocabulary, self.markup
        )
        if labelled:
            self.remember_label("review_author_label", label)
        elif not (colon and not text_label) and not entry.chat_handle and not entry.blog_handle:
            entry.notes.append(Note("reviewer_unlabelled", field="reviewer"))

    def read_links(self, entry, links):
        """Links lines: one or several, a line continued on the next ("… ::" / ":: …"), a bare address."""
        merged = []
        for raw, number in links:
            text = headerblock.PIPES.sub(" :: ", raw.strip()) if " | " in raw else raw.strip()
            if merged and (merged[-1][0].rstrip().endswith("::") or text.startswith("::")) and not _is_url(text):
                previous, line = merged[-1]
                merged[-1] = (f"{previous.rstrip().rstrip(':').rstrip()} :: {text.lstrip(':').strip()}", line)
            else:
                merged.append((text, number))
        for text, number in merged:
            plain = self.plain(text) if self.markup else text
            if _is_url(plain):
                self.attach_address(entry, plain.strip("<>"))
                continue
            label, url, found, notes = header.parse_links_line(_label_url(text), self.vocabulary, self.markup)
            self.post.notes += [Note("empty_link", line=number) for _note in notes]
            if (label or url) and not (entry.original_label or entry.original_url):
                entry.original_label, entry.original_url = label, url
                self.remember_label("original_label", label)
            elif label or url:
                found.insert(0, ParsedLink(classify_link(label, url), label, url))
            entry.links += found

    @staticmethod
    def attach_address(entry, url):
        """A line holding only an address belongs to the link above it that has none."""
        for link in reversed(entry.links):
            if not link.url:
                link.url = url
                return
        if not entry.original_url and (entry.original_label or not entry.links):
            entry.original_url = url
            return
        entry.links.append(ParsedLink(classify_link("", url), "", url))


BOLD = re.compile(r"(?<!\w)(?:\*\*|__)(.+?)(?:\*\*|__)(?!\w)")
BULLET = re.compile(r"^[-*+•]\s+\S")
NUMBER_ONLY = re.compile(r"^(\d{1,3})[.)]$")
IMAGE_LINE = re.compile(r"^(\[)?!\[[^\]]*\]\([^)]*\)(?(1)\]\([^)]*\))\\?$")
TOC_HEADING = re.compile(r"^.{2,60}[:：]$")


def _bold_line(text):
    return len(text) > 4 and any(text.startswith(mark) and text.endswith(mark) for mark in ("**", "__"))


def _is_url(text):
    return bool(headerblock.URL_LINE.match(text.strip()))


def _label_url(text):
    """ "Code: https://github.com/x" -> "Code (https://github.com/x)", as parse_links_line reads it."""
    parts = header.split_links_line(text)
    out = []
    for part in parts:
        match = LABEL_URL.match(part.strip())
        out.append(f"{match.group(1)} ({match.group(2)})" if match and "](" not in part else part)
    return " :: ".join(out)
