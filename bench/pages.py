"""The pages the benchmark loads: one table, edited here.

Each page has a name, an HTTP method, a path builder, who must be logged in, and POST data.
A path builder takes the fixtures (bench/fixtures.py: slugs and ids picked from the generated
data) and returns a path, or a list of candidate paths of which the first that does not answer
404 is used. A page whose every candidate answers 404 is reported as "n/a (not built)".
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote_plus


@dataclass(frozen=True)
class Page:
    name: str
    path: Callable[[dict], str | list[str]]
    method: str = "GET"
    login: str | None = None  # None (anonymous), "editor" or "member"
    data: Callable[[dict], dict] | None = None  # form fields of a POST
    # Targets at 100,000 reviews: median under load, throughput as a share of the bare view's,
    # and latency of a lone request (no queueing) where that is what the target is about.
    max_median_ms: float | None = 50
    min_ratio: float | None = 1 / 3
    max_single_ms: float | None = None
    # Many distinct URLs (readers and crawlers opening different reviews, every search a new
    # query): each request takes one of these at random, so most miss the page cache.
    paths: Callable[[dict], list[str]] | None = None

    def candidates(self, fixtures):
        paths = self.path(fixtures)
        return [paths] if isinstance(paths, str) else list(paths)


BARE = Page("bare Django view (reference)", lambda f: "/bench/bare/", max_median_ms=None, min_ratio=None)

PAGES = [
    Page("home", lambda f: "/"),
    Page("issue page", lambda f: f"/issues/{f['issue_slug']}/"),
    Page("review archive", lambda f: "/reviews/"),
    Page(
        "archive, filtered",
        lambda f: f"/reviews/?topic={f['topic_slug']}&year={f['year']}&language={f['language']}",
    ),
    Page("archive, search", lambda f: f"/reviews/?q={f['search']}"),
    Page("review page", lambda f: f"/reviews/{f['review_pk']}/"),
    Page("reviewer page", lambda f: f"/reviewers/{f['reviewer_slug']}/"),
    Page("feed", lambda f: ["/feeds/issues.rss", "/feeds/issues.atom", "/feeds/reviews/", "/feeds/issues/", "/feeds/"]),
    Page(
        "admin: submitted reviews",
        lambda f: "/admin/reviews/review/?status__exact=submitted",
        login="editor",
        max_median_ms=60,
        min_ratio=0.15,
    ),
    Page(
        "3,000 distinct review pages",
        lambda f: f"/reviews/{f['review_pks'][0]}/",
        paths=lambda f: [f"/reviews/{pk}/" for pk in f["review_pks"]],
    ),
    Page(
        "300 distinct issue pages",
        lambda f: f"/issues/{f['issue_slugs'][0]}/",
        paths=lambda f: [f"/issues/{slug}/" for slug in f["issue_slugs"]],
    ),
    Page(
        "3,000 distinct searches",
        lambda f: f"/reviews/?q={quote_plus(f['searches'][0])}",
        paths=lambda f: [f"/reviews/?q={quote_plus(text)}" for text in f["searches"]],
        min_ratio=0.2,
    ),
    Page(
        "admin: issue page",
        lambda f: f"/admin/digest/issue/{f['issue_pk']}/workspace/",
        login="editor",
        max_median_ms=60,
        min_ratio=0.15,
    ),
    Page(
        "export, 50-review issue",
        lambda f: [
            f"/admin/digest/issue/{f['export_issue_pk']}/export/markdown/",
            f"/admin/digest/issue/{f['export_issue_pk']}/export/md/",
        ],
        login="editor",
        max_median_ms=None,  # the target for the export is per request: under 20 ms (590 kB of post)
        min_ratio=None,
        max_single_ms=20,
    ),
    Page(
        "preview, 5,000 words",
        lambda f: "/markdownx/markdownify/",
        method="POST",
        login="member",
        data=lambda f: {"content": f["long_body"]},
        max_median_ms=None,  # rendering 5,000 words is CPU work (about 25 ms): the target is per request
        min_ratio=None,
        max_single_ms=50,
    ),
]
