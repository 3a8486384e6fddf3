"""The export formats and the one entry point: export_issue(issue, fmt)."""

from dataclasses import dataclass

from . import habr, html, markdown, text
from .post import compile_post


@dataclass(frozen=True)
class Format:
    name: str
    label: str
    content_type: str
    extension: str


FORMATS = {
    "markdown": Format("markdown", "Markdown", "text/markdown; charset=utf-8", "md"),
    "habr": Format("habr", "Habr", "text/markdown; charset=utf-8", "habr.md"),
    "html": Format("html", "HTML", "text/html; charset=utf-8", "html"),
    "text": Format("text", "Plain text", "text/plain; charset=utf-8", "txt"),
}
RENDERERS = {"markdown": markdown.render, "habr": habr.render, "text": text.render}


def render_post(post, fmt, *, standalone=False):
    """The compiled `post` in format `fmt`; for "html", `standalone` gives a whole page."""
    if fmt == "html":
        return html.render(post, standalone=standalone)
    if fmt not in RENDERERS:
        raise ValueError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    return RENDERERS[fmt](post)


def export_issue(issue, fmt, *, standalone=False):
    return render_post(compile_post(issue), fmt, standalone=standalone)
