"""Per review: what could not be read. Every field the post did not give is named in a note, so the
editor knows what to fill in; nothing is invented in its place."""

from .notes import Note
from .structure import UNKNOWN_REVIEWER


def annotate(post):
    for entry in post.entries:
        entry.notes += review_notes(entry, post.language)


def review_notes(entry, language):
    notes = []
    if not entry.title:
        notes.append(Note("no_heading_title", field="title"))
    if not entry.authors:
        notes.append(Note("no_authors", field="authors"))
    if not entry.affiliations:
        notes.append(Note("no_affiliations", field="affiliations"))
    if entry.year is None:
        notes.append(Note("no_year", field="year"))
    if not (entry.original_label or entry.original_url or entry.links):
        notes.append(Note("no_links", field="original"))
    elif not (entry.original_label or entry.original_url):
        notes.append(Note("no_original", field="original"))
    elif entry.original_label and not entry.original_url:
        notes.append(Note("link_without_address", field="original", label=entry.original_label))
    for link in entry.links:
        if link.label and not link.url:
            notes.append(Note("link_without_address", field="links", label=link.label))
    if not entry.display_name:
        unknown = UNKNOWN_REVIEWER.get(language, UNKNOWN_REVIEWER["en"])
        notes.append(Note("no_reviewer", field="reviewer", name=unknown))
    elif not (entry.reviewer_name or entry.chat_handle or entry.blog_handle):
        address, name = entry.reviewer_address, entry.display_name
        notes.append(Note("reviewer_address", field="reviewer", address=address, name=name))
    elif not entry.reviewer_name:
        notes.append(Note("reviewer_handle_only", field="reviewer", handle=entry.chat_handle or entry.blog_handle))
    if not entry.body.strip():
        notes.append(Note("no_body", field="body"))
    return notes
