"""The addresses of reviews and reviewers, as reverse() gives them, without resolving each one.

An issue page links every entry to its review and its reviewer: reverse() costs about 40 µs a
call, a tenth of building the page. An address differs from another of the same view only by
its argument, so the view's address is reversed once (per URLconf and script prefix) around a
marker and afterwards only filled in. Arguments that reverse() would quote or refuse go through
reverse() itself.
"""

import re

from django.urls import get_script_prefix, get_urlconf, reverse

MARKER = "918273645"  # an argument every converter takes as it is, unlike any other part of an address
PLAIN = re.compile(r"[-a-zA-Z0-9_]+")  # what needs no quoting in a path segment

_around = {}  # (view name, URLconf, script prefix) -> (before, after)


def address(view_name, argument):
    """reverse(view_name, args=[argument]) for a view whose address has one argument: an id or a slug."""
    text = str(argument)
    if not PLAIN.fullmatch(text) or (isinstance(argument, int) and argument < 0):
        return reverse(view_name, args=[argument])
    key = (view_name, get_urlconf(), get_script_prefix())
    around = _around.get(key)
    if around is None:
        before, _marker, after = reverse(view_name, args=[MARKER]).partition(MARKER)
        around = _around[key] = before, after
    before, after = around
    return f"{before}{text}{after}"
