"""The structure of a post, read from its lines: title, intro, contents, reviews, outro.

One reader for every input. Plain text and Markdown differ only in a `Dialect` (how a heading,
a link and a body are written); a saved HTML page is first turned into Markdown lines.

The table of contents carries the structure: a list whose items ("Title (affiliations, year)")
each have a review headed "N. Title" further down. That is how the reader finds the reviews even
when every label was lost in a copy, and why numbered lists inside a review never confuse it.
"""

import re
from dataclasses import dataclass

from ..export.escape import escape_block_start, escape_inline
from ..export.markdown import OUTRO_RULE
from . import header
from .notes import Note
from .structure import ParsedEntry, ParsedLink, ParsedPost, PostImportError

ITEM = re.compile(r"^(?:(\d{1,3})[.)]|[-*+•])\s+(\S.*?)\s*$")
NUMBERED = re.compile(r"^(\d{1,3})[.)]\s+(\S.*?)\s*$")
DETAILS = re.compile(r"^\s*(\(.*)?$")
SKIPPED_BETWEEN = re.compile(
    r"^(-{3,}|\*{3,}|_{3,}|<cut\b[^>]*>|</?spoiler\b[^>]*>|<anchor>.*</anchor>|<a name=.*>)$", re.I
)
ANCHOR_LINE = re.compile(r"^<anchor>[^<]*</anchor>$")
# The blog page around a post copied as text: rating, share buttons, ads, comments.
FURNITURE = re.compile(
    r"^([+−-]?\d{1,4}([.,]\d{1,2})?|Поделиться публикацией|Поделиться|Комментарии( \d+)?|Реклама|Подробнее|"
    r"AdBlock похитил этот баннер.*|Только полноправные пользователи могут оставлять комментарии.*|"
    r"Share( this)?( post| publication)?|Comments( \d+)?|Advertisement|Only registered users can comment.*)$",
    re.I,
)


@dataclass
class Line:
    number: int
    raw: str

    @property
    def text(self):
        return self.raw.strip()


def _norm(text):
    return " ".join(text.casefold().replace("ё", "е").split())


class TextDialect:
    """Plain text copied from a page: no markup; every line is a paragraph or a list item."""

    markup = False

    def heading(self, line):
        return line.text

    def header_line(self, line):
        return line.text

    def block(self, lines):
        out, previous_item = [], None
        for line in lines:
            text = line.text
            if not text:
                continue
            item = ITEM.match(text)
            kind = ("ol" if item.group(1) else "ul") if item else None
            written = escape_block_start(escape_inline(text), keep_lists=True)
            out.append(("\n" if kind and kind == previous_item else "\n\n") + written)
            previous_item = kind
        return "".join(out).strip()


class MarkdownDialect:
    """Our own Markdown export, or Markdown made from a saved HTML page."""

    markup = True

    def heading(self, line):
        return header.strip_emphasis(re.sub(r"^#{1,6}\s+", "", line.text).rstrip("#").strip())

    def header_line(self, line):
        return re.sub(r"(\\|\s{2,})$", "", line.raw.rstrip("\n")).strip()

    def block(self, lines):
        return "\n".join(line.raw.rstrip() for line in lines).strip("\n")


class Reader:
    def __init__(self, lines, dialect, vocabulary, *, source_format):
        self.lines = lines
        self.dialect = dialect
        self.vocabulary = vocabulary
        self.post = ParsedPost(source_format=source_format)

    def plain(self, text):
        return header.plain(text, self.dialect.markup)

    # --- finding the table of contents and the reviews -----------------------------------------

    def list_runs(self, start):
        """Runs of list items from `start` on, each a list of (line index, number or None, text).

        Blank lines may separate the items of a run; other text, or numbering that does not go
        on (1, 2, 3 … then 1 again), ends it."""
        runs, current, index = [], [], start
        while index < len(self.lines):
            text = self.lines[index].text
            match = ITEM.match(text) if not SKIPPED_BETWEEN.match(text) else None
            if match and current and not self._continues(current[-1][1], match.group(1)):
                runs.append(current)
                current = []
            if match:
                current.append((index, match.group(1), match.group(2)))
            elif text and current:
                runs.append(current)
                current = []
            index += 1
        if current:
            runs.append(current)
        return runs

    @staticmethod
    def _continues(previous, number):
        """Whether an item numbered `number` goes on the list whose last item was `previous`."""
        if previous is None or number is None:
            return previous is None and number is None
        return int(number) == int(previous) + 1

    def heading_for(self, number, toc_text, start, stop):
        """Index of the line heading review `number` whose contents item is `toc_text`, or None."""
        wanted = _norm(self.plain(toc_text))
        fallback = None
        for index in range(start, stop):
            text = self.dialect.heading(self.lines[index])
            if not text:
                continue
            numbered = NUMBERED.match(text)
            if numbered and int(numbered.group(1)) != number:
                continue
            title = _norm(self.plain(numbered.group(2) if numbered else text))
            if len(title) < 3 or not wanted.startswith(title) or not DETAILS.match(wanted[len(title) :]):
                continue
            if numbered:
                return index
            fallback = index if fallback is None else fallback
        return fallback

    def find_reviews(self, start):
        """(contents run, [heading line index per item]) for the first list that is the table of contents."""
        for run in self.list_runs(start):
            after = run[-1][0] + 1
            headings = []
            for position, (index, _number, text) in enumerate(run, start=1):
                found = self.heading_for(position, text, after, len(self.lines))
                if found is None:
                    if not headings:
                        break  # not the table of contents: its first item heads no review
                    raise PostImportError(
                        f"the table of contents lists “{self.plain(text)}” as paper {position}, but no review "
                        f"headed “{position}. {self.plain(text).split(' (')[0]}” follows "
                        f"(expected after line {self.lines[after - 1].number})",
                        self.lines[index].number,
                    )
                headings.append(found)
                after = found + 1
            if headings:
                return run, headings
        first = next((line.number for line in self.lines[start:] if line.text), 1)
        raise PostImportError(
            "expected a table of contents: a list of the papers (“1. Title (affiliations, year)”), each "
            "followed further down by its review headed “1. Title”",
            first,
        )

    # --- the parts ------------------------------------------------------------------------------

    def read(self, *, title=""):
        start = 0
        if title:
            self.post.title = title
        elif self.dialect.markup:
            first = next((i for i, line in enumerate(self.lines) if line.text), None)
            if first is not None and self.lines[first].text.startswith("# "):
                self.post.title = self.dialect.heading(self.lines[first])
                start = first + 1
        run, headings = self.find_reviews(start)
        self.read_front(start, run[0][0])
        self.read_between(run[-1][0] + 1, headings[0])
        toc = {position: text for position, (_index, _number, text) in enumerate(run, start=1)}
        bounds = [*headings, len(self.lines)]
        for position, index in enumerate(headings, start=1):
            last = position == len(headings)
            self.post.entries.append(self.read_entry(position, index, bounds[position], toc[position], last=last))
        return self.post

    def read_front(self, start, toc_start):
        """Title (plain text: the first line when a paragraph follows), intro and the contents heading."""
        lines = self.lines[start:toc_start]
        filled = [i for i, line in enumerate(lines) if line.text]
        if (
            filled
            and self.vocabulary.is_label("toc_heading", self.plain(lines[filled[-1]].text))
            or (filled and lines[filled[-1]].text.rstrip("*_").endswith(":"))
        ):
            self.post.toc_heading = self.plain(lines[filled[-1]].text)
            self.remember_label("toc_heading", lines[filled[-1]].text)
            lines = lines[: filled[-1]]
            filled = filled[:-1]
        if not self.dialect.markup and not self.post.title and len(filled) >= 2:
            first = filled[0]
            if first + 1 < len(lines) and not lines[first + 1].text and len(lines[first].text) < 200:
                self.post.title = lines[first].text
                lines = lines[first + 1 :]
        self.post.intro = self.dialect.block(lines)

    def read_between(self, start, stop):
        """Between the contents and the first review: links to the previous issues, if any."""
        pending_heading = ""
        for line in self.lines[start:stop]:
            text = line.text
            if not text or SKIPPED_BETWEEN.match(text):
                continue
            if match := ITEM.match(text):
                found = header.links_in(match.group(2)) if self.dialect.markup else []
                label, url = found[0] if found else header.link_segment(match.group(2), self.dialect.markup)
                self.post.previous.append(ParsedLink("issue", self.plain(label), url))
                self.post.previous_heading = self.post.previous_heading or pending_heading
                self.remember_label("previous_heading", pending_heading)
            elif text.rstrip("*_").endswith(":") or self.vocabulary.is_label("previous_heading", self.plain(text)):
                pending_heading = self.plain(text)
            else:
                self.post.notes.append(Note("between", line=line.number))

    def read_entry(self, number, index, stop, toc_text, *, last):
        heading = self.dialect.heading(self.lines[index])
        numbered = NUMBERED.match(heading)
        entry = ParsedEntry(line=self.lines[index].number, number=number, title="")
        entry.title = " ".join(self.plain(numbered.group(2) if numbered else heading).split())
        body_start = self.read_header(entry, index + 1, stop)
        body = self.lines[body_start:stop]
        while body and (not body[-1].text or ANCHOR_LINE.match(body[-1].text)):
            body = body[:-1]
        if last:
            body = self.read_end(body)
        entry.body = self.dialect.block(body)
        _before, details = header.split_details(self.plain(toc_text)[len(entry.title) :])
        if details and not (entry.affiliations or entry.year):
            entry.affiliations, entry.year = header.parse_details(details)
        return entry

    def remember_label(self, name, text):
        """The post's own wording of a label (the first one written out)."""
        text = self.plain(text) if self.dialect.markup else text.strip()
        if text and name not in self.post.labels:
            self.post.labels[name] = text

    def classify(self, text, seen):
        """ "authors", "links" or "reviewer" for a header line, or None when the body has begun."""
        vocabulary = self.vocabulary
        if vocabulary.starts_with_label("review_author_label", text):
            return "reviewer"
        if vocabulary.starts_with_label("authors_label", text):
            return "authors"
        if text.startswith(tuple("→⟶➔")) or text.startswith(("->", "::", "[→")) or " :: " in text:
            return "links"
        first_part = header.link_segment(header.split_links_line(text)[0], self.dialect.markup)[0]
        if vocabulary.is_label("original_label", first_part):
            return "links"
        label, colon, rest = text.partition(":")
        if not colon or len(label.split()) > 4 or any(char.isdigit() for char in label) or not rest.strip():
            return None
        if "authors" in seen or "links" in seen:
            return "reviewer"
        before_details, _details = header.split_details(rest)
        return "reviewer" if not before_details else "authors"

    def read_header(self, entry, start, stop):
        """Reads the header lines into `entry`; returns the index where the body starts."""
        index, seen, order = start, [], ["authors", "links", "reviewer"]
        while index < stop and not self.lines[index].text:
            index += 1
        while index < stop and "reviewer" not in seen:
            text = self.dialect.header_line(self.lines[index])
            if not text:
                break
            kind = self.classify(text, seen)
            if kind is None or seen and order.index(kind) <= order.index(seen[-1]):
                break
            seen.append(kind)
            if kind == "authors":
                entry.authors, entry.affiliations, entry.year = header.parse_authors(
                    self.plain(header.after_label(text)) if self.dialect.markup else header.after_label(text)
                )
                self.remember_label("authors_label", text.partition(":")[0])
            elif kind == "links":
                label, url, links, notes = header.parse_links_line(text, self.vocabulary, self.dialect.markup)
                entry.original_label, entry.original_url, entry.links = label, url, links
                self.post.notes += [Note("empty_link", line=self.lines[index].number) for _note in notes]
                self.remember_label("original_label", label)
            else:
                entry.reviewer_name, entry.chat_handle, entry.blog_handle = header.parse_reviewer(
                    header.after_label(text), self.vocabulary, self.dialect.markup
                )
                self.remember_label("review_author_label", text.partition(":")[0])
            index += 1
        if "reviewer" not in seen or not entry.display_name:
            where = self.lines[index].number if index < len(self.lines) else self.lines[-1].number
            raise PostImportError(
                f"review {entry.number} “{entry.title}”: expected the review author line under the paper's "
                "authors and links, e.g. “Автор обзора: Name (в слэке handle)” or “Review author: Name (handle)”",
                where,
            )
        return index

    def read_end(self, body):
        """The last review ends where the blog page's furniture or (Markdown) the outro begins."""
        if self.dialect.markup:
            fence, rule = False, None
            for position, line in enumerate(body):
                fence ^= line.text.startswith(("```", "~~~"))
                if not fence and line.text == OUTRO_RULE and position and not body[position - 1].text:
                    rule = position
            if rule is not None and any(line.text for line in body[rule + 1 :]):
                self.post.outro = self.dialect.block(body[rule + 1 :])
                return body[:rule]
            return body
        blocks, start = [], None  # (first, last) of each run of non-blank lines
        for position, line in enumerate([*body, Line(0, "")]):
            if line.text and start is None:
                start = position
            elif not line.text and start is not None:
                blocks.append((start, position))
                start = None
        for first, last in blocks[1:]:
            if sum(1 for line in body[first:last] if FURNITURE.match(line.text)) >= 2:
                self.post.notes.append(Note("furniture", line=body[first].number))
                return body[:first]
        return body
