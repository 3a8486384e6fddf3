"""Addresses of public pages by route name and one argument, reversed once per route.

reverse() walks the URL configuration on every call (~30-50 µs); a list of twenty rows links
forty to sixty pages. The route's address is reversed once with a marker for its argument
(per URL configuration and script prefix), and each address is that text with the argument
put in, quoted as reverse() quotes it.
"""

from functools import lru_cache
from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

MARKER = "4242424242424242"  # an argument every route's converter (int, str, slug) accepts
SAFE = "!$&'()*+,;=/~:@"  # what reverse() leaves unquoted (RFC 3986 sub-delimiters, "/~:@")


def path_to(name, argument):
    """The address of route `name` for `argument`, as reverse(name, args=[argument]) gives it
    (for arguments its converter accepts: a public page's id or slug)."""
    head, tail = _pattern(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    return f"{head}{quote(str(argument), safe=SAFE)}{tail}"


def path_of(name):
    """The address of route `name`, which takes no argument, as reverse(name) gives it."""
    return _plain(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


@lru_cache(maxsize=64)
def _plain(name, script_prefix, urlconf):
    return reverse(name)


@lru_cache(maxsize=64)
def _pattern(name, script_prefix, urlconf):
    head, marker, tail = reverse(name, args=[MARKER]).rpartition(MARKER)
    if not marker:
        raise ValueError(f"route {name!r} does not show its argument in its address")
    return head, tail
