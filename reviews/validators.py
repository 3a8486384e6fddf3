"""Validators shared by models and forms."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Control characters (line breaks and tabs among them) and the Unicode line and paragraph separators.
ONE_LINE_BREAKERS = {"Cc", "Zl", "Zp"}


def has_control_characters(text):
    return any(unicodedata.category(char) in ONE_LINE_BREAKERS for char in text or "")


@deconstructible
class OneLineValidator:
    """A one-line field (title, name, handle, label) holds no line break or other control character.

    Such characters end up in mail subjects, post headings and exports, where a line break
    changes what follows it (a mail header, a line of the post).
    """

    message = _("Keep this on one line: remove line breaks, tabs and other control characters.")
    code = "control_characters"

    def __call__(self, value):
        if has_control_characters(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, OneLineValidator)


one_line = OneLineValidator()


def as_one_line(text):
    """The text with every run of control characters and whitespace made one space (for data from elsewhere)."""
    if not has_control_characters(text):
        return text
    return " ".join("".join(" " if unicodedata.category(char) in ONE_LINE_BREAKERS else char for char in text).split())
