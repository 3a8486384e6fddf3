"""Inspect HTML (and Markdown) the way a browser would see it: which tags, attributes and URLs it has.

- `unsafe_parts(fragment)`: everything outside the renderer's allow-list (user content).
- `page_problems(page)`: whatever could run script or load from elsewhere in a whole page (ours or
  the admin's), and any payload marker ("XSS…", the evil host) where it could act.
- `live_parts_of_markdown(text)`: what a Markdown text becomes in a permissive CommonMark renderer
  (raw HTML on, every link scheme allowed), outside the allow-list: what pasting it could make live.
"""

import re
from html.parser import HTMLParser

from markdown_it import MarkdownIt

from reviews.markdown import ATTRIBUTES, TAGS

URL_ATTRIBUTES = {
    "href", "src", "xlink:href", "action", "formaction", "background", "poster", "data", "cite",
    "srcset", "manifest", "codebase", "longdesc", "ping", "lowsrc", "dynsrc",
}  # fmt: skip
SAFE_SCHEMES = {"http", "https", "mailto"}
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
MARKER = re.compile(r"XSS\d+|evil\.example")


def url_scheme(value):
    """The scheme a browser would see (WHATWG URL parsing: tabs/newlines removed, C0 and spaces trimmed)."""
    url = re.sub(r"[\t\n\r]", "", value).strip(
        "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f"
        "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b"
        "\x1c\x1d\x1e\x1f "
    )
    match = SCHEME.match(url)
    return match.group(1).lower() if match else None  # None: a relative URL


class _Collector(HTMLParser):
    def __init__(self, extra):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.extra = extra

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS and tag not in self.extra:
            self.problems.append(f"tag <{tag}>")
        allowed = ATTRIBUTES.get(tag, set()) | self.extra.get(tag, set()) | {"class", "rel"}
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"handler {name} on <{tag}>")
            elif name not in allowed:
                self.problems.append(f"attribute {name} on <{tag}>")
            if name in URL_ATTRIBUTES and value is not None:
                scheme = url_scheme(value)
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    self.problems.append(f"url {value!r} in <{tag} {name}>")


def unsafe_parts(html, *, extra=None):
    """Everything in `html` outside the renderer's allow-list; an empty list means safe.

    `extra` maps further tags to their allowed attributes (e.g. Habr's {"cut": set()}).
    """
    collector = _Collector(extra or {})
    collector.feed(html)
    collector.close()
    return collector.problems


# --- whole pages --------------------------------------------------------------------------------

# Elements that run code, load a document or change how the page's URLs resolve.
ACTIVE_TAGS = {
    "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal", "foreignobject", "animate", "set",
}  # fmt: skip
# <link rel=…> that make the browser fetch something (canonical and alternate only name a page).
LOADING_RELS = {"stylesheet", "import", "preload", "modulepreload", "prefetch", "icon", "manifest", "prerender"}
# Attributes where a payload's marker is only text (shown, never run or fetched).
TEXT_ATTRIBUTES = {"alt", "title", "content", "value", "aria-label", "placeholder", "label", "data-copied"}


class _PageInspector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.open_raw = None  # "script" or "style" while inside one

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ACTIVE_TAGS:
            self.problems.append(f"tag <{tag}>")
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "refresh":
            self.problems.append("meta refresh")
        if tag == "style":
            self.open_raw = "style"
        if tag == "script":
            self.open_raw = "script"
            src = attributes.get("src")
            if src is None and attributes.get("type") != "application/json":
                self.problems.append("inline <script>")
            elif src is not None and (url_scheme(src) is not None or not src.startswith("/") or src.startswith("//")):
                self.problems.append(f"script from {src!r}")
        rel = set((attributes.get("rel") or "").lower().split())
        href = attributes.get("href") or ""
        elsewhere = href != "data:," and (url_scheme(href) is not None or href.startswith("//"))  # data:, no favicon
        if tag == "link" and rel & LOADING_RELS and elsewhere:
            self.problems.append(f"<link rel={attributes['rel']}> from {href!r}")
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.problems.append(f"handler {name} on <{tag}>")
            if name in {"srcdoc", "formaction"}:
                self.problems.append(f"attribute {name} on <{tag}>")
            if name == "style" and re.search(r"url\(|expression|@import", value, re.I):
                self.problems.append(f"style {value!r} on <{tag}>")
            if name in URL_ATTRIBUTES:
                scheme = url_scheme(value)
                if scheme is not None and scheme not in SAFE_SCHEMES and value != "data:,":
                    self.problems.append(f"url {value!r} in <{tag} {name}>")
                if tag != "a" and "evil.example" in value:
                    self.problems.append(f"resource {value!r} in <{tag} {name}>")
            if name in URL_ATTRIBUTES and url_scheme(value) in SAFE_SCHEMES | {None} and not value.startswith("//"):
                continue  # a web address, however odd: following it is not running it
            if MARKER.search(value) and name not in TEXT_ATTRIBUTES and not name.startswith("data-"):
                self.problems.append(f"marker in <{tag} {name}={value!r}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self.open_raw = None

    def handle_endtag(self, tag):
        if tag == self.open_raw:
            self.open_raw = None

    def handle_data(self, data):
        if self.open_raw and MARKER.search(data):
            self.problems.append(f"marker inside <{self.open_raw}>: {data[:80]!r}")
        if self.open_raw == "style" and re.search(r"url\(|@import|expression", data, re.I):
            self.problems.append(f"<style> that loads or runs: {data[:80]!r}")


def page_problems(html):
    """What in a whole page could run script, load from elsewhere or carry a payload where it acts.

    Scripts must come from this site (or be JSON data); no handlers, no javascript:/data:
    URLs, no frames or objects, no <style> that loads anything, and no payload marker in a URL, a
    handler, a script or a style. Text, alt and title may contain anything: they are shown, not run.
    """
    inspector = _PageInspector()
    inspector.feed(html)
    inspector.close()
    return inspector.problems


# --- Markdown that will be pasted elsewhere ------------------------------------------------------


def _permissive_markdown():
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.validateLink = lambda url: True  # some renderers link any scheme: the text must not rely on ours
    return md


TABLE_ALIGN = {"th": {"style"}, "td": {"style"}}  # style="text-align:…" of GFM tables


def live_parts_of_markdown(text, *, extra=None):
    """What `text` becomes live in a permissive CommonMark renderer, outside the allow-list."""
    return unsafe_parts(_permissive_markdown().render(text), extra={**TABLE_ALIGN, **(extra or {})})
