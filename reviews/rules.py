"""Who may do what. Predicates on one object; lists get a queryset twin in selectors.py.

Views and admin actions ask these; services then check whether the state allows the move.
"""

from .enums import AUTHOR_EDITABLE, EDITOR_EDITABLE, ReviewStatus, Role

DECIDE_PERMISSION = "reviews.decide_review"


def is_editor(user):
    return bool(user and user.is_authenticated and user.is_active and user.has_perm(DECIDE_PERMISSION))


def reviewer_of(user):
    """The user's reviewer profile, or None."""
    if not (user and user.is_authenticated):
        return None
    try:
        return user.reviewer
    except AttributeError:
        return None


def is_author(user, review):
    return bool(user and user.is_authenticated and review.reviewer.user_id == user.pk)


def roles_of(user, review):
    roles = set()
    if is_author(user, review):
        roles.add(Role.AUTHOR)
    if is_editor(user):
        roles.add(Role.EDITOR)
    return roles


def can_view_review(user, review):
    return review.status == ReviewStatus.PUBLISHED or bool(roles_of(user, review))


def editable_states(roles):
    states = set()
    if Role.AUTHOR in roles:
        states |= AUTHOR_EDITABLE
    if Role.EDITOR in roles:
        states |= EDITOR_EDITABLE
    return states


def can_edit_review(user, review):
    return review.status in editable_states(roles_of(user, review))
