"""Secrets at rest: webhook addresses and bot tokens are stored encrypted (Fernet).

The key is DIGEST_SECRETS_KEY when set (any string; rotate by re-entering the secrets), else it
is derived from SECRET_KEY. A database dump or backup therefore holds no usable webhook.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet():
    material = settings.DIGEST_SECRETS_KEY or settings.SECRET_KEY
    key = hashlib.sha256(f"digest.chat:{material}".encode()).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def encrypt(text):
    return _fernet().encrypt(text.encode()).decode()


def decrypt(token):
    """The clear text, or "" when it was encrypted with another key (the secret must be entered again)."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""
