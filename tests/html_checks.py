"""Inspect rendered HTML the way a browser would see it: which tags, attributes and URLs it has."""

import re
from html.parser import HTMLParser

from reviews.markdown import ATTRIBUTES, TAGS

URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "background", "poster"}
SAFE_SCHEMES = {"http", "https", "mailto"}
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


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
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []

    def handle_starttag(self, tag, attrs):
        if tag not in TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"handler {name} on <{tag}>")
            elif name not in ATTRIBUTES.get(tag, set()) | {"class", "rel"}:
                self.problems.append(f"attribute {name} on <{tag}>")
            if name in URL_ATTRIBUTES and value is not None:
                scheme = url_scheme(value)
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    self.problems.append(f"url {value!r} in <{tag} {name}>")


def unsafe_parts(html):
    """Everything in `html` outside the renderer's allow-list; an empty list means safe."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.problems
