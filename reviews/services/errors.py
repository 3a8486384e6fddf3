"""Errors every service raises: a move the state or the actor's role does not allow; nothing was changed."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ..enums import (
    ReviewStatus,
)


class WorkflowError(ValidationError):
    """A move the current state or the actor's role does not allow. Nothing was changed."""


class InvalidTransition(WorkflowError):
    def __init__(self, current, target):
        self.current, self.target = current, target
        super().__init__(
            _("A review that is “%(current)s” cannot become “%(target)s”.")
            % {"current": ReviewStatus(current).label, "target": ReviewStatus(target).label},
            code="invalid_transition",
        )


class NotAllowed(WorkflowError):
    def __init__(self, message):
        super().__init__(message, code="not_allowed")


class EditConflict(WorkflowError):
    """The review was saved elsewhere since the form was opened; `current` is what is stored now."""

    def __init__(self, current):
        self.current = current
        super().__init__(
            _("This review was changed by someone else (now version %(version)s) since you opened it.")
            % {"version": current.version},
            code="edit_conflict",
        )
