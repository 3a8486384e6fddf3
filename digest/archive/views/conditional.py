"""Conditional GET for the public pages: ETag and Last-Modified from digest.archive.freshness.

The ETag also names the interface language and the visitor (the header shows who is logged in),
so a reader never gets someone else's page, nor one in another language, from a 304.
"""

import hashlib
from functools import wraps

from django.utils.http import http_date
from django.utils.translation import get_language
from django.views.decorators.http import condition


def conditional(version_of):
    """Answer 304 when the client's copy is current; `version_of(**view_kwargs)` says what current is."""

    def decorator(view):
        def current(request, **kwargs):
            if not hasattr(request, "_digest_version"):
                request._digest_version = version_of(**kwargs)
            return request._digest_version

        def etag(request, *args, **kwargs):
            found = current(request, **kwargs)
            if found is None:
                return None
            audience = f"{found.token}|{get_language()}|{request.user.pk or 0}"
            return hashlib.blake2s(audience.encode(), digest_size=12).hexdigest()

        def last_modified(request, *args, **kwargs):
            found = current(request, **kwargs)
            return found.last_modified if found is not None else None

        @wraps(view)
        def dated(request, *args, **kwargs):
            # The page's date is the version's, whatever the view set: a feed dates itself by its
            # items alone, earlier than a later edit of a review it shows, and a client sending
            # that date back would never get its 304.
            response = view(request, *args, **kwargs)
            changed = last_modified(request, **kwargs)
            if changed is not None and response.status_code == 200:
                response.headers["Last-Modified"] = http_date(changed.timestamp())
            return response

        return wraps(view)(condition(etag_func=etag, last_modified_func=last_modified)(dated))

    return decorator
