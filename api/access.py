"""Who is asking, and how often: personal tokens (Bearer), the rate limit, and the errors' answers."""

from django.contrib.auth.models import AnonymousUser
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from reviews.rules import is_editor
from reviews.services import NotAllowed
from reviews.throttle import limited

from .tokens import user_for_key


class RateLimited(Exception):
    pass


def _throttle(request):
    if limited(request, "api"):
        raise RateLimited


class MemberToken(HttpBearer):
    """A member's (or an editor's) personal token: `Authorization: Bearer dgst_…`."""

    def authenticate(self, request, token):
        user = user_for_key(token)
        if user is None:
            return None
        request.user = user
        _throttle(request)
        return user


class EditorToken(MemberToken):
    """A personal token of an editor; a member's token gets 403."""

    def authenticate(self, request, token):
        user = super().authenticate(request, token)
        if user is not None and not is_editor(user):
            raise NotAllowed("Only editors may use this.")
        return user


def public_access(request):
    """Anyone; a token, when sent, must be valid (401 otherwise). The session is not used: the
    API answers the same to a browser and to a script."""
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _, key = header.partition(" ")
        user = user_for_key(key.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            raise AuthenticationError
        request.user = user
    else:
        request.user = AnonymousUser()
    _throttle(request)
    return True
