"""Writing reviews: drafts, saves with optimistic locking (every save a version), restores."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..drafts import draft_template
from ..models import Review
from ..rules import editable_states, roles_of
from .errors import EditConflict, NotAllowed


def start_review(*, paper, reviewer, by, language="en", body=None, translation_of=None):
    """Create a draft review (or return the reviewer's existing one for this paper and language).

    Without a `body`, the draft starts from the review template of the series in its language.
    """
    if translation_of is not None and translation_of.language == language:
        raise ValidationError(
            {"language": _("A translation must be in another language than the review it translates.")}
        )
    existing = Review.objects.filter(paper=paper, reviewer=reviewer, language=language).first()
    if existing:
        return existing
    if body is None:
        body = draft_template(language)
    review = Review(paper=paper, reviewer=reviewer, language=language, body=body, translation_of=translation_of)
    review.render_body()
    review._history_user = by
    review.save()
    return review


def update_review(review, *, by, body, expected_version, language=None):
    """Save a new body if nobody else saved since `expected_version`; else raise EditConflict.

    Every successful save is a new version in the review's history. The body is rendered first,
    outside the transaction: the row (and on SQLite the whole database) is locked only to write.
    """
    rendered = Review(paper=review.paper, body=body)
    rendered.render_body()
    with transaction.atomic():
        return _write_review(review, rendered, by=by, expected_version=expected_version, language=language)


def _write_review(review, rendered, *, by, expected_version, language):
    body = rendered.body
    current = Review.objects.select_for_update().select_related("reviewer", "paper").get(pk=review.pk)
    if current.status not in editable_states(roles_of(by, current)):
        raise NotAllowed(_("You cannot edit a review that is “%(status)s”.") % {"status": current.get_status_display()})
    if int(expected_version) != current.version:
        raise EditConflict(current)
    if current.body == body and (language is None or language == current.language):
        return current
    current.body = body
    current.body_html, current.search_document = rendered.body_html, rendered.search_document
    if language:
        current.language = language
    current.version += 1  # safe: the row is locked until commit
    current._history_user = by
    current.save()
    return current


@transaction.atomic
def restore_review_version(review, *, history_id, by):
    """Bring back the body of an earlier version; the restore is itself a new version."""
    old = review.history.get(history_id=history_id)
    current = Review.objects.select_for_update().get(pk=review.pk)
    return update_review(current, by=by, body=old.body, expected_version=current.version)
