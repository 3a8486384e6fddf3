"""One review's header as the tolerant reader reads it: the lines under the heading, in any order,
each optional (kinds from headerblock.kind_of); links one or several lines, continued over a line
break, an address alone under its label."""

import re

from . import header, headerblock
from .notes import Note
from .parse import Line
from .structure import ParsedLink
from .vocabulary import classify_link

BLANKS_BETWEEN = 2  # blank lines allowed between two header lines (a copy that doubled every line break)
LABEL_URL = re.compile(r"^(.*?\S)\s*(?:[:：]\s*|\s)<?(https?://[^\s<>]+)>?$")


class ReviewHeaderMixin:
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
                following = self.next_filled(index, stop, BLANKS_BETWEEN)
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
