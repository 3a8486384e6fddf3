"""Review bodies (and the series' intro and outro) in the form each target needs.

Markdown exports the stored source, made inert (digest/export/inert.py); the KaTeX preview uses the
HTML stored on save; Habr, plain text and MathML are derived from that stored HTML. Every target
gets the site-relative addresses of images and links made absolute from the site's address
(`site`, digest/export/addresses.py), so that a post pasted on a blog still shows its images.
Each is made once per saved version and site address and kept in Django's cache (keyed by review,
version, site address and a digest of what it is made from, so an edit made anywhere is never
served stale); an export then costs one `get_many` for all its bodies.
"""

import hashlib
import html
import re

from django.core.cache import cache
from latex2mathml.converter import convert as latex_to_mathml

from reviews.markdown import render_markdown, sanitize_html

from .addresses import absolute_html, absolute_markdown
from .convert import html_to_markdown, html_to_plain
from .inert import inert_markdown

VERSION = 4  # bump when a converter's output changes, so cached bodies are made again
TIMEOUT = 60 * 60 * 24 * 30
MATH_SPAN = re.compile(r'<(span|div) class="math (inline|display|block)">(.*?)</\1>', re.S)


def to_mathml(fragment):
    """Stored HTML with its TeX spans turned into MathML, which browsers draw without JavaScript."""

    def replace(match):
        tex = html.unescape(match.group(3)).strip()
        try:
            mathml = latex_to_mathml(tex, display="inline" if match.group(2) == "inline" else "block")
        except Exception:  # latex2mathml raises many kinds on TeX it does not know; keep the source
            return f"<code>{html.escape(tex)}</code>"
        # Keep the TeX beside the drawing (browsers show only the first child of <semantics>):
        # readers can copy it, and the importer reads a saved page back into formulas.
        opening, _, rest = mathml.partition(">")
        annotation = f'<annotation encoding="application/x-tex">{html.escape(tex)}</annotation>'
        return f"{opening}><semantics>{rest.removesuffix('</math>')}{annotation}</semantics></math>"

    return sanitize_html(MATH_SPAN.sub(replace, fragment))


# Each takes (source, site): the site's address makes site-relative addresses absolute ("" leaves them).
CONVERTERS = {
    "render": lambda source, site: absolute_html(render_markdown(source), site),
    "html": absolute_html,
    "habr": lambda fragment, site: html_to_markdown(absolute_html(fragment, site), flavor="habr"),
    "text": lambda fragment, site: html_to_plain(absolute_html(fragment, site)),
    "mathml": lambda fragment, site: to_mathml(absolute_html(fragment, site)),
    "inert": lambda source, site: absolute_markdown(inert_markdown(normalize_markdown(source)), site),
}


def _key(kind, identity, source, site):
    digest = hashlib.blake2b(f"{site}\n{source}".encode(), digest_size=10).hexdigest()
    return f"digest:export:v{VERSION}:{kind}:{identity}:{digest}"


def converted(kind, items, site=""):
    """[(identity, source)] -> the converted sources for `site`, from the cache where possible."""
    keys = [_key(kind, identity, source, site) for identity, source in items]
    found = cache.get_many(keys)
    missing = {
        key: CONVERTERS[kind](source, site)
        for key, (_identity, source) in zip(keys, items, strict=True)
        if key not in found
    }
    if missing:
        cache.set_many(missing, TIMEOUT)
    return [found[key] if key in found else missing[key] for key in keys]


def normalize_markdown(text):
    return (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def review_bodies(entries, kind, site=""):
    """The bodies of `entries` for a target: "markdown", "html" (KaTeX spans), "mathml", "habr" or
    "text", with site-relative addresses made absolute from `site` (the site's address)."""
    if kind == "markdown":  # the source as written, with raw HTML and unsafe links made text (inert.py)
        sources = [(f"review-{entry.review.pk}-{entry.review.version}", entry.review.body) for entry in entries]
        return converted("inert", sources, site)
    if kind == "html" and not site:
        return [entry.review.body_html for entry in entries]
    items = [(f"review-{entry.review.pk}-{entry.review.version}", entry.review.body_html) for entry in entries]
    return converted(kind, items, site)


def markdown_block(text, kind, site=""):
    """The series' intro or outro (markdown) for a target, rendered through reviews.markdown once."""
    text = normalize_markdown(text)
    if kind == "markdown" or not text:
        return converted("inert", [("block", text)], site)[0] if text else text
    (rendered,) = converted("render", [("block", text)], site)
    return rendered if kind == "html" else converted(kind, [("block", rendered)], site)[0]
