"""The digest app in the editors' desk: its admins live in digest/desk/ and register themselves."""

from .desk import issue_admin  # noqa: F401
