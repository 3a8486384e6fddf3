"""A small, forgiving HTML tree: enough to walk stored review HTML and saved blog pages.

html.parser does not build a tree and does not fix bad nesting; this does the little we need:
void elements, implicit closing of <p>/<li>/<td>, end tags without a start (ignored), and the
source line of every element (so the importer can point at a line).
"""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# A start tag of the key closes an open element of any listed kind first (the HTML parsing rules, simplified).
CLOSES = {
    "p": {"p"},
    "li": {"li", "p"},
    "dt": {"dt", "dd", "p"},
    "dd": {"dt", "dd", "p"},
    "tr": {"tr", "td", "th"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "thead": {"tbody", "tr", "td", "th"},
    "tbody": {"thead", "tr", "td", "th"},
}
BLOCK_CLOSES_P = {
    "address", "article", "aside", "blockquote", "div", "dl", "fieldset", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "main", "nav", "ol", "pre", "section", "table", "ul",
}  # fmt: skip
# Elements whose content never matters to a post: skipped entirely while building the tree.
SKIP = {"script", "style", "noscript", "template", "iframe", "svg", "object", "canvas"}


class Node:
    __slots__ = ("attrs", "children", "line", "parent", "tag")

    def __init__(self, tag, attrs=None, line=0, parent=None):
        self.tag = tag
        self.attrs = attrs or {}
        self.children = []
        self.line = line
        self.parent = parent

    @property
    def classes(self):
        return set(self.attrs.get("class", "").split())

    def get(self, name, default=""):
        return self.attrs.get(name) or default

    def elements(self):
        return [child for child in self.children if isinstance(child, Node)]

    def iter(self):
        """Every element below this one, depth first, in document order."""
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.iter()

    def find_all(self, tag):
        return [node for node in self.iter() if node.tag == tag]

    def text(self):
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def __repr__(self):
        return f"<{self.tag} line {self.line}>"


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]
        self.skipping = 0

    def _close(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                del self.stack[index:]
                return

    def _open_tags(self):
        return [node.tag for node in self.stack]

    def handle_starttag(self, tag, attrs):
        if self.skipping or tag in SKIP:
            self.skipping += tag in SKIP and tag not in VOID
            return
        closes = CLOSES.get(tag, set()) | ({"p"} if tag in BLOCK_CLOSES_P else set())
        while closes and self.stack[-1].tag in closes:
            self.stack.pop()
        node = Node(tag, {name: value or "" for name, value in attrs}, self.getpos()[0], self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and not self.skipping and self.stack[-1].tag == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        if self.skipping:
            self.skipping -= tag in SKIP
            return
        if tag in self._open_tags():
            self._close(tag)

    def handle_data(self, data):
        if not self.skipping:
            self.stack[-1].children.append(data)


def parse_html(markup):
    """The tree of `markup` (a fragment or a whole page); the root's tag is "#root"."""
    builder = _Builder()
    builder.feed(markup)
    builder.close()
    return builder.root
