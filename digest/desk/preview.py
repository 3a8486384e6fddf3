"""The workspace's preview: the issue rendered with the public issue template (the site's own
stylesheet and KaTeX), inside a frame of the workspace, so the editor sees the post as readers will.

Unlike the public page it shows a planned issue and every entry, published or not.
"""

from reviews.models import texts_of

from ..archive.selectors import entries_with_reviews
from ..labels import labels_for
from ..titles import issue_title


def preview_context(request, issue, *, intro_html, outro_html):
    labels = labels_for(issue.series)
    issue.title = issue_title(issue, labels)
    entries = list(
        entries_with_reviews()
        .filter(issue=issue)
        .defer(*texts_of("review", keep=["body_html"]))
        .prefetch_related("review__paper__links")
    )
    return {
        "issue": issue,
        "labels": labels,
        "entries": entries,
        "intro_html": intro_html,
        "outro_html": outro_html,
        "previous": None,
        "next": None,
        "translations": [],
        "canonical_url": request.build_absolute_uri(request.path),
        "description": "; ".join(entry.review.paper.title for entry in entries),
        "is_preview": True,
    }


def preview_headers(response):
    """The preview may be framed by the desk's own pages, and only by them."""
    response["X-Frame-Options"] = "SAMEORIGIN"
    response._csp_replace = {"frame-ancestors": ["'self'"]}
    return response
