"""The addresses of reviews and reviewers, as reverse() gives them, without resolving each one.

An issue page links every entry to its review and its reviewer: reverse() costs about 40 µs a
call, a tenth of building the page. An address differs from another of the same view only by
its argument, so the view's address is reversed once (per URLconf and script prefix) around a
marker and afterwards only filled in, the argument quoted as reverse() quotes it.
"""

from urllib.parse import quote

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.http import RFC3986_SUBDELIMS

MARKER = "918273645"  # an argument both converters take as it is, unlike any other part of an address
SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted

_around = {}  # (view name, URLconf, script prefix) -> (before, after)


def address(view_name, argument):
    """reverse(view_name, args=[argument]) for a view whose address has one argument: an id
    (an `int` converter) or a slug (a `str` converter). Anything else is left to reverse()."""
    if isinstance(argument, int):
        text = str(argument) if argument >= 0 else None
    else:
        text = quote(argument, safe=SAFE) if argument and "/" not in argument else None
    if text is None:
        return reverse(view_name, args=[argument])
    key = (view_name, get_urlconf(), get_script_prefix())
    around = _around.get(key)
    if around is None:
        before, _marker, after = reverse(view_name, args=[MARKER]).partition(MARKER)
        around = _around[key] = before, after
    before, after = around
    return f"{before}{text}{after}"
