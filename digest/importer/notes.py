"""What the importer could not read, or read with doubt: notes per post and per review.

A note is a string (its English text, as the command prints it) that also keeps its code, its
parameters, the field it is about and the line it points at, so the desk can show it in the
reader's language and highlight the field. Stored as `as_data()` (JSON); `render_note` turns the
stored form back into text in the active language.
"""

from django.utils.translation import gettext
from django.utils.translation import gettext_noop as _

MESSAGES = {
    # --- one review ---------------------------------------------------------------------------------
    "title_from_contents": _("the heading gives only its number: the title comes from the contents"),
    "title_differs": _("the contents call it “%(contents)s”; the heading's title is kept"),
    "not_in_contents": _("not in the contents: found by its heading"),
    "no_heading_title": _("no title in the heading or the contents"),
    "no_authors": _("no paper authors line"),
    "no_affiliations": _("no affiliations, in the header or the contents"),
    "no_year": _("no year, in the header or the contents"),
    "no_links": _("no links line: no link to the original article"),
    "no_original": _("no link to the original article among the links"),
    "link_without_address": _("the link “%(label)s” has no address"),
    "no_reviewer": _("no review author line: filed under “%(name)s”"),
    "reviewer_handle_only": _("the review author's name is missing: only the handle “%(handle)s”"),
    "reviewer_address": _("the review author is given only as an address (%(address)s): named “%(name)s” after it"),
    "reviewer_unlabelled": _("the review author line has no label: read from its place under the header"),
    "no_body": _("no review text: the copy lost it"),
    # --- the post ---------------------------------------------------------------------------------
    "furniture": _("left out the blog page after the post"),
    "before_title": _("left out the page's text before the post's title"),
    "empty_link": _("a link with neither label nor URL was left out"),
    "between": _("left out text between the contents and the first review"),
    "contents_without_review": _("the contents list “%(title)s”, but no review of it was found"),
    "no_contents": _("no table of contents: the reviews were found by their headings"),
    "not_an_address": _("%(what)s: “%(url)s” is not a web address; left out"),
    "previous_links": _(
        "the post links to %(count)s earlier issues; the export links to the series' own published issues "
        "(%(limit)s at most, set on the series)"
    ),
    "title_exports_as": _("the post's title “%(title)s” exports as “%(exported)s”"),
    "period_from_years": _(
        "the post names no period: took the latest paper year, %(start)s to %(end)s (pass --period to set it)"
    ),
    "labels_differ": _("the post words its labels differently (%(labels)s); the export uses the series'"),
    "series_created": _("created the series “%(name)s” (%(language)s)"),
    "body_kept": _("review %(number)s: kept the text already stored, which differs from the post"),
}
LINE = _("line %(line)s: %(text)s")


def _english(code, params, line):
    text = MESSAGES[code] % params
    return LINE % {"line": line, "text": text} if line else text


class Note(str):
    """A note's English text, carrying its code, parameters, field and line."""

    def __new__(cls, code, *, field="", line=None, **params):
        note = super().__new__(cls, _english(code, params, line))
        note.code, note.field, note.line, note.params = code, field, line, params
        return note

    def __reduce__(self):
        return (_rebuild, (self.code, self.field, self.line, self.params))

    def as_data(self):
        """JSON: the message is the catalogue's msgid, so any app can show it translated (note_text)."""
        return {
            "code": self.code,
            "message": MESSAGES[self.code],
            "field": self.field,
            "line": self.line,
            "params": self.params,
            "text": str(self),
        }


def _rebuild(code, field, line, params):
    return Note(code, field=field, line=line, **params)


def as_data(note):
    """The stored form of a note (a Note, or a plain string from elsewhere)."""
    if isinstance(note, Note):
        return note.as_data()
    return {"code": "", "message": "", "field": "", "line": None, "params": {}, "text": str(note)}


def render_note(data):
    """A stored note as text in the active language (its English text when the message is unknown)."""
    template = data.get("message") or MESSAGES.get(data.get("code") or "")
    if not template:
        return data.get("text", "")
    try:
        text = gettext(template) % data.get("params", {})
    except (KeyError, TypeError, ValueError):
        return data.get("text", "")
    return gettext(LINE) % {"line": data["line"], "text": text} if data.get("line") else text


def note_fields(notes):
    """The fields the notes are about: what the desk highlights."""
    return {data.get("field") for data in notes if data.get("field")}
