"""Inspect rendered HTML the way a browser would see it: which tags, attributes and URLs it has."""

from html.parser import HTMLParser

from reviews.markdown import ATTRIBUTES, TAGS

URL_ATTRIBUTES = {"href", "src", "xlink:href", "action", "formaction", "background", "poster"}
SAFE_SCHEMES = ("http://", "https://", "mailto:", "/", "#")


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
                url = "".join(value.split()).lower()
                if not url.startswith(SAFE_SCHEMES) and ":" in url.split("/")[0]:
                    self.problems.append(f"url {value!r} in <{tag} {name}>")


def unsafe_parts(html):
    """Everything in `html` outside the renderer's allow-list; an empty list means safe."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.problems
