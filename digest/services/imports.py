"""The importer's writes on the digest side: a series met for the first time, an imported issue's own
intro and outro, and the record of the import with its notes (on the issue, and per review on its entry)."""

from django.db import transaction
from django.utils import timezone

from reviews.models import unique_slug

from ..models import Issue, IssueEntry, PostImport, Series


@transaction.atomic
def create_imported_series(*, name, language, intro="", previous_links_count=0, labels=None):
    """A series named by an imported post, with the post's own wording of the labels that differ."""
    return Series.objects.create(
        name=name,
        slug=unique_slug(Series, name),
        language=language,
        intro=intro,
        previous_links_count=previous_links_count,
        **(labels or {}),
    )


@transaction.atomic
def set_imported_texts(issue, *, intro="", outro=""):
    """An imported issue's intro and outro, where they differ from its series' (empty: the series' own)."""
    issue = Issue.objects.select_for_update().select_related("series").get(pk=issue.pk)
    issue.intro = intro if intro.strip() != issue.series.intro.strip() else ""
    issue.outro = outro if outro.strip() != issue.series.outro.strip() else ""
    issue.save(update_fields=["intro", "outro", "updated_at"])
    return issue


@transaction.atomic
def record_post_import(issue, *, source, source_format, strict, notes, review_notes, summary=None, by=None, at=None):
    """Keep what the importer said about the post (`notes`) and about each review (`review_notes`,
    {review id: [note data]}) where the editor sees them: on the issue and on each of its entries.
    A second import of the same post replaces the record instead of adding one."""
    record, _created = PostImport.objects.update_or_create(
        issue=issue,
        defaults={
            "source": source[:255],
            "source_format": source_format,
            "is_strict": strict,
            "notes": notes,
            "summary": summary or {},
            "imported_by": by if by is not None and by.is_authenticated else None,
            "imported_at": at or timezone.now(),
        },
    )
    for entry in IssueEntry.objects.filter(issue=issue).only("pk", "review_id", "import_notes"):
        wanted = review_notes.get(entry.review_id, [])
        if entry.import_notes != wanted:
            IssueEntry.objects.filter(pk=entry.pk).update(import_notes=wanted)
    return record
