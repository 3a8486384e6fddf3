"""Walk the site as one person: follow every link on every page reached, from a few start pages.

Used to check every page a role can reach (headers, no inline code). Only GET; links that log out
or download are not followed. Pages of the same shape (the same path with its numbers replaced,
e.g. /admin/reviews/review/N/change/) are visited at most `per_shape` times, so that a database
of 30 reviews or 3,000 costs the same.
"""

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

NOT_FOLLOWED = re.compile(r"logout|/media/|/static/|/export/|/i18n/|/feeds/|\.rss$|\.atom$|sitemap")


def shape(url):
    """The path with its numbers (and slugs after /issues/, /series/, /reviewers/) replaced by N."""
    path = re.sub(r"/\d+(?=/)", "/N", urlsplit(url).path)
    return re.sub(r"^/(issues|series|reviewers)/[^/]+/", r"/\1/N/", path)


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.inline = [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        if tag == "script" and "src" not in attributes and attributes.get("type") != "application/json":
            self.inline.append("inline <script>")
        if tag == "style":
            self.inline.append("<style> element")
        if "style" in attributes:
            self.inline.append(f'style="{attributes["style"]}" on <{tag} class="{attributes.get("class") or ""}">')
        self.inline += [f"handler {name} on <{tag}>" for name in attributes if name.startswith("on")]


@dataclass
class Visit:
    url: str
    status: int
    headers: dict
    inline: list = field(default_factory=list)  # inline scripts, styles and handlers in the HTML


def crawl(client, starts, *, per_shape=2, limit=250):
    """The pages reachable from `starts` with `client` (logged in as someone, or not): [Visit]."""
    queue, seen, shapes, visits = deque(starts), set(), Counter(), []
    while queue and len(visits) < limit:
        url = queue.popleft()
        if url in seen or shapes[shape(url)] >= per_shape:
            continue
        seen.add(url)
        shapes[shape(url)] += 1
        response = client.get(url)
        if response.status_code in {301, 302} and response["Location"].startswith("/"):
            queue.append(response["Location"])
            continue
        visit = Visit(url, response.status_code, dict(response.headers))
        visits.append(visit)
        if "text/html" not in response.get("Content-Type", ""):
            continue
        page = _Page()
        page.feed(response.content.decode())
        visit.inline = page.inline
        path = urlsplit(url).path
        for href in page.links:
            href = (path + href if href.startswith("?") else href).split("#")[0]
            if href.startswith("/") and not href.startswith("//") and not NOT_FOLLOWED.search(href):
                queue.append(href)
    return visits
