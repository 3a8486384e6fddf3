"""Creating, revoking and checking personal API tokens.

A token is "dgst_" and 43 random URL-safe characters (256 bits); the database keeps its SHA-256
(a fast hash is enough for a random secret of that size) and its first characters, to tell
tokens apart on the profile page.
"""

import datetime
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.services import NotAllowed

from .models import PersonalToken

PREFIX = "dgst_"
MAX_LIVE_TOKENS = 10


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def create_token(user, *, name):
    """A new token for `user`: returns (the row, the token to show once)."""
    if PersonalToken.objects.live().filter(user=user).count() >= MAX_LIVE_TOKENS:
        raise NotAllowed(_("You have %(count)d tokens already: revoke one first.") % {"count": MAX_LIVE_TOKENS})
    key = PREFIX + secrets.token_urlsafe(32)
    token = PersonalToken.objects.create(
        user=user, name=" ".join(name.split())[:100], key_hash=hash_key(key), prefix=key[: len(PREFIX) + 4]
    )
    return token, key


def revoke_token(token_id, *, by):
    """Revoke one of `by`'s own tokens (at once: the next request with it is refused)."""
    revoked = PersonalToken.objects.live().filter(pk=token_id, user=by).update(revoked_at=timezone.now())
    if not revoked:
        raise NotAllowed(_("No such token."))


def user_for_key(key):
    """The active user whose live token `key` is, or None. Notes when the token was last used."""
    if not key or not key.startswith(PREFIX) or len(key) > 100:
        return None
    token = PersonalToken.objects.live().select_related("user").filter(key_hash=hash_key(key)).first()
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=1):
        PersonalToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
