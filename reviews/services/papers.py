"""Papers: proposing, finding duplicates, rejecting."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from .. import announcements
from ..enums import (
    AssignmentStatus,
    PaperStatus,
)
from ..models import Assignment, Paper, PaperLink, normalize_title, parse_arxiv_id
from ..rules import is_editor
from .errors import NotAllowed, WorkflowError


def find_duplicates(*, title="", arxiv_id="", exclude_pk=None):
    """Papers with the same arXiv id or the same normalised title (proposed, claimed or reviewed)."""
    query = Q()
    if arxiv_id := parse_arxiv_id(arxiv_id):
        query |= Q(arxiv_id=arxiv_id)
    if normalized := normalize_title(title):
        query |= Q(normalized_title=normalized)
    if not query:
        return Paper.objects.none()
    papers = Paper.objects.filter(query).exclude(status=PaperStatus.REJECTED)
    return papers.exclude(pk=exclude_pk) if exclude_pk else papers


@transaction.atomic
def propose_paper(
    *,
    by,
    title,
    authors="",
    affiliations="",
    year=None,
    original_url="",
    arxiv_id="",
    links=(),
    topics=(),
    announce=True,
):
    """Create a proposed paper with its links; `links` is a list of (kind, label, url).

    The chat channels hear that it is open to claim, unless `announce` is False (a paper read
    from the back catalogue is reviewed already).
    """
    try:
        with transaction.atomic():
            paper = Paper.objects.create(
                title=title.strip(),
                authors=authors.strip(),
                affiliations=affiliations.strip(),
                year=year,
                original_url=original_url.strip(),
                arxiv_id=arxiv_id,
                proposed_by=by if by and by.is_authenticated else None,
            )
    except IntegrityError as error:
        raise ValidationError({"arxiv_id": _("A paper with this arXiv id already exists.")}) from error
    for position, (kind, label, url) in enumerate(links):
        PaperLink.objects.create(paper=paper, kind=kind, label=label, url=url, position=position)
    if topics:
        paper.topics.set(topics)
    if announce:
        announcements.announce(announcements.PAPER_PROPOSED, paper_id=paper.pk)
    return paper


@transaction.atomic
def reject_paper(paper, *, by, duplicate_of=None):
    if not is_editor(by):
        raise NotAllowed(_("Only editors may reject papers."))
    current = Paper.objects.select_for_update().only("status").get(pk=paper.pk)
    if current.status == PaperStatus.REJECTED:
        raise WorkflowError(_("“%(title)s” is already rejected.") % {"title": paper.title}, code="paper_rejected")
    if duplicate_of is not None and (duplicate_of.pk == paper.pk or duplicate_of.status == PaperStatus.REJECTED):
        raise WorkflowError(
            _("A paper can only be a duplicate of another paper that is not rejected."), code="bad_duplicate"
        )
    paper.status = PaperStatus.REJECTED
    paper.duplicate_of = duplicate_of
    paper.save(update_fields=["status", "duplicate_of", "updated_at"])
    Assignment.objects.active().filter(paper=paper).update(status=AssignmentStatus.CANCELLED)
    return paper
