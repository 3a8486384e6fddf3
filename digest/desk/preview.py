"""The workspace's preview: the issue rendered with the public issue template (the site's own
stylesheet and KaTeX), inside a frame of the workspace, so the editor sees the post as readers will.

Unlike the public page it shows a planned issue and every entry, published or not.
"""

from ..export.post import post_entries
from ..labels import labels_for
from ..titles import issue_title


def preview_context(request, issue, *, intro_html, outro_html):
    labels = labels_for(issue.series)
    issue.title = issue_title(issue, labels)
    entries = post_entries(issue, labels, texts=["body_html"])
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
        "description": "; ".join(entry.title for entry in entries),
        "is_preview": True,
    }


def preview_headers(response):
    """The preview may be framed by the desk's own pages, and only by them."""
    response["X-Frame-Options"] = "SAMEORIGIN"
    response._csp_replace = {"frame-ancestors": ["'self'"]}
    return response
