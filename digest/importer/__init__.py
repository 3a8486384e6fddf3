"""Bring the back catalogue in: a published post (plain text, our Markdown, a saved HTML page) becomes
an issue with its papers, reviewers, reviews and entries.

read_post(raw) parses without touching the database: tolerantly by default (tolerant.py, contents.py,
reviewheader.py, headerblock.py, fuzzy.py, page.py for saved pages: every review that can be found,
with notes on what is missing), or all-or-nothing with strict=True (parse.py, html.py); detect.py
and header.py serve both. annotate.py notes what each
review lacks. load.import_post writes the result in one transaction through the services.
"""

from .annotate import annotate
from .detect import detect_format, detect_language, detect_part, detect_period
from .html import read_page as read_strictly
from .page import read_page
from .parse import Line, MarkdownDialect, Reader, TextDialect
from .structure import ParsedPost, PostImportError
from .tolerant import TolerantReader
from .vocabulary import TolerantVocabulary, Vocabulary

__all__ = ["ParsedPost", "PostImportError", "read_post"]


def read_post(raw, *, language=None, series_labels=None, source_format=None, strict=False):
    """Parse `raw` into a ParsedPost; raises PostImportError (with a line number) on input that is not
    a post (and, with strict=True, on a post with anything missing or out of place)."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    if (nul := raw.find("\x00")) >= 0:  # PostgreSQL cannot store it; no published post has one
        raise PostImportError("a NUL character: this is not a text post (a binary file?)", raw.count("\n", 0, nul) + 1)
    source_format = source_format or detect_format(raw)
    vocabulary = Vocabulary(series_labels) if strict else TolerantVocabulary(series_labels)
    title, url = "", ""
    if source_format == "html":
        lines, title, url = (read_strictly if strict else read_page)(raw)
    else:
        lines = [Line(number, text) for number, text in enumerate(raw.split("\n"), start=1)]
    dialect = TextDialect() if source_format == "text" else MarkdownDialect()
    reader = Reader if strict else TolerantReader
    post = reader(lines, dialect, vocabulary, source_format=source_format).read(title=title)
    post.url, post.strict = url, strict
    post.text = "\n".join(line.raw for line in lines).strip()
    post.language = language or detect_language(post.text)
    if period := detect_period(post.title, post.language):
        post.period_start, post.period_end = period
    post.part = detect_part(post.title, post.language)
    annotate(post)
    return post
