"""The export formats and the one entry point: export_issue(issue, fmt)."""

from dataclasses import dataclass

from django.utils.translation import gettext_noop

from . import habr, html, markdown, text
from .post import compile_post


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    content_type: str
    extension: str


FORMATS = {
    "markdown": Format("markdown", gettext_noop("Markdown"), "text/markdown; charset=utf-8", "md"),
    "habr": Format("habr", gettext_noop("Habr"), "text/markdown; charset=utf-8", "habr.md"),
    "html": Format("html", gettext_noop("HTML"), "text/html; charset=utf-8", "html"),
    "text": Format("text", gettext_noop("Plain text"), "text/plain; charset=utf-8", "txt"),
}
RENDERERS = {"markdown": markdown.render, "habr": habr.render, "text": text.render}


def render_post(post, fmt, *, standalone=False):
    """The compiled `post` in format `fmt`; for "html", `standalone` gives a whole page."""
    if fmt == "html":
        return html.render(post, standalone=standalone)
    if fmt not in RENDERERS:
        raise ValueError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    return RENDERERS[fmt](post)


def export_issue(issue, fmt, *, standalone=False, site_url=None):
    return render_post(compile_post(issue, site_url=site_url), fmt, standalone=standalone)
