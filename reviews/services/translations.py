"""Linking a review to the review it translates."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Review
from ..rules import is_editor
from .errors import NotAllowed


def check_translation_link(review, original):
    """Raise ValidationError unless `review` may be recorded as the translation of `original`.

    Translations form a star around the original review, so the review in language X of any
    original is found in one step (compiling an issue in another language relies on it).
    """
    if original is None:
        return
    if review.pk is not None and original.pk == review.pk:
        raise ValidationError(_("A review cannot be a translation of itself."), code="self_translation")
    if original.language == review.language:
        raise ValidationError(
            _("A translation must be in another language than the review it translates."), code="same_language"
        )
    if original.translation_of_id is not None:
        raise ValidationError(
            _("“%(title)s” (%(language)s) is itself a translation: link to the review it translates instead.")
            % {"title": original.paper.title, "language": original.get_language_display()},
            code="translation_of_translation",
        )
    if review.pk is not None and review.translations.exists():
        raise ValidationError(
            _("This review has translations of its own, so it cannot be a translation."), code="has_translations"
        )
    taken = original.translations.filter(language=review.language)
    if review.pk is not None:
        taken = taken.exclude(pk=review.pk)
    if taken.exists():
        raise ValidationError(
            _("That review already has a translation in %(language)s.") % {"language": review.get_language_display()},
            code="language_taken",
        )


@transaction.atomic
def link_translation(review, *, original, by):
    """Record `review` as the translation of `original` (or unlink it when `original` is None)."""
    if not is_editor(by):
        raise NotAllowed(_("Only editors may link translations."))
    review = Review.objects.select_for_update().select_related("paper").get(pk=review.pk)
    if original is not None:
        original = Review.objects.select_related("paper").get(pk=original.pk)
    check_translation_link(review, original)
    review.translation_of = original
    review._history_user = by
    review.save(update_fields=["translation_of", "updated_at"])
    return review
