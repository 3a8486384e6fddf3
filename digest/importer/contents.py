"""The table of contents, when a post has one: which list it is, and which heading each item names.

A contents list is a list run (numbered or bulleted) or the lines of bare titles under a contents
heading. Its items are aligned in order with the candidate headings further down (TolerantReader's
Candidate), by fuzzy title likeness plus what makes a line a heading (a number matching the item's
place, header lines under it, heading markup): the best-scoring alignment wins, items may match
nothing (a review the copy lost) and headings may match no item (a review the contents left out).
"""

import re

from . import header
from .fuzzy import is_prefix, similarity
from .parse import ITEM, SKIPPED_BETWEEN

MAX_RUNS_WITHOUT_HEADINGS = 12  # lists tried as the contents when no heading has a header under it
MAX_ITEM = 300  # characters: a longer line is a paragraph, not a contents item
TOC_HEADING = re.compile(r"^.{2,60}[:：]$")


class ContentsMixin:
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
                if len(words) > MAX_ITEM or position in self.strong_lines or ITEM.match(item) or words.endswith(":"):
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
            # Half its items head reviews; or, in a copy cut short, every review left is one of its items.
            found = {candidate.index for candidate in matches.values()}
            every_review = all(candidate.index in found for candidate in after if candidate.strong)
            if matches and shaped and (2 * len(matches) >= len(run) or every_review):
                return run, matches
        return None

    # --- the reviews ------------------------------------------------------------------------------
