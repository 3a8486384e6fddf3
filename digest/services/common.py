"""Helpers shared by the issue services."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from reviews.rules import is_editor
from reviews.services import NotAllowed

from ..models import Issue


def lock_planned(issue):
    """The issue, locked until the end of the transaction; refused if it is published already."""
    issue = Issue.objects.select_for_update().select_related("series").get(pk=issue.pk)
    if issue.is_published:
        raise ValidationError(_("This issue is already published."), code="published")
    return issue


def require_editor(by, message):
    if not is_editor(by):
        raise NotAllowed(message)
