"""Signed one-time links: confirming the address given at sign-up."""

from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode


class SignupTokenGenerator(PasswordResetTokenGenerator):
    """Like a password-reset link, but only for confirming a sign-up, and only until the account is active."""

    key_salt = "reviews.tokens.SignupTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"


signup_tokens = SignupTokenGenerator()


def signup_link_parts(user):
    return {"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": signup_tokens.make_token(user)}
