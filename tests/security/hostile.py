# ruff: noqa: E501
"""A published issue made of hostile content: every payload of the corpus is a review body, and
the other fields people type (paper titles, authors, affiliations, link labels and URLs, reviewer
names and handles, series labels, intro and outro, topics) carry payloads of their own.

The field payloads announce themselves like the corpus: "XSS1xx" in a dialog or console message.
URLs are ones our forms accept (URLField lets quotes and angle brackets through in the path);
javascript: URLs cannot be stored through any form or the importer (see test_hostile_everywhere).
"""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from tests.factories import (
    IssueEntryFactory,
    IssueFactory,
    PaperFactory,
    PaperLinkFactory,
    ReviewerFactory,
    ReviewFactory,
    SeriesFactory,
    TopicFactory,
    UserFactory,
)
from tests.security.payloads import PAYLOADS

FIELDS = {
    "series name": "Digest <script>alert('XSS112')</script>",
    "series intro": "Hello <script>alert('XSS109')</script> [x](javascript:alert('XSS109')) <img src=x onerror=alert('XSS109')>",
    "series outro": "Bye <img src=x onerror=alert('XSS110')> ![y](javascript:alert('XSS110'))",
    "issue intro": "<svg onload=alert('XSS111')> $<script>alert('XSS111')</script>$ [z](JaVaScRiPt:alert('XSS111'))",
    "toc heading": "<img src=x onerror=alert('XSS113')>",
    "links separator": " <i onclick=XSS114> ",
    "paper title": "Paper <script>alert('XSS101')</script> \"quoted\"",
    "authors": "<img src=x onerror=alert('XSS102')>, Alan Turing",
    "affiliations": "\"><svg onload=alert('XSS103')>",
    "link label": "<a href=javascript:alert('XSS104')>code</a>",
    "link url": "https://example.org/x\"onmouseover=\"alert('XSS105')\"<script>alert('XSS105')</script>",
    "original url": "https://example.org/paper?a='><img src=x onerror=alert('XSS116')>",
    "reviewer name": "<img src=x onerror=alert('XSS106')> Eve",
    "chat handle": "\"><script>alert('XSS107')</script>",
    "blog handle": "javascript:alert('XSS108')",
    "published url": "https://example.org/post\"onmouseover=\"alert('XSS115')",
    "topic": "<script>alert('XSS117')</script>",
}


def storable(text):
    """`text` as a database can keep it: PostgreSQL refuses NUL in text (forms refuse it too:
    "Null characters are not allowed."), so it becomes U+FFFD, as the renderer reads it anyway."""
    return text.replace("\x00", "\ufffd")


@dataclass
class HostileContent:
    issue: object
    earlier: object  # an earlier published issue of the series: it shows the series' own intro
    reviewer: object
    reviews: dict = field(default_factory=dict)  # payload name -> published review


def build_hostile_issue(*, payloads=PAYLOADS):
    """A published issue with one published review per payload, all by one hostile reviewer."""
    now = timezone.now()
    series = SeriesFactory(
        name=FIELDS["series name"],
        slug="hostile",
        intro=FIELDS["series intro"],
        outro=FIELDS["series outro"],
        toc_heading=FIELDS["toc heading"],
        links_separator=FIELDS["links separator"],
        previous_links_count=1,
    )
    earlier = IssueFactory(
        series=series, slug="hostile-earlier", period_start=datetime.date(2020, 1, 1),
        period_end=datetime.date(2020, 1, 1), status="published", published_at=now,
        published_url=FIELDS["published url"],
    )  # fmt: skip
    issue = IssueFactory(
        series=series, slug="hostile-issue", period_start=datetime.date(2020, 2, 1),
        period_end=datetime.date(2020, 2, 1), status="published", published_at=now,
        published_url=FIELDS["published url"], intro=FIELDS["issue intro"],
    )  # fmt: skip
    reviewer = ReviewerFactory(
        user=UserFactory(username="eve@example.org"),
        display_name=FIELDS["reviewer name"],
        chat_handle=FIELDS["chat handle"],
        blog_handle=FIELDS["blog handle"],
    )
    topic = TopicFactory(name=FIELDS["topic"], slug="hostile-topic")
    content = HostileContent(issue=issue, earlier=earlier, reviewer=reviewer)
    for position, (name, body) in enumerate(payloads.items(), start=1):
        hostile_fields = position <= 3
        paper = PaperFactory(
            title=f"{FIELDS['paper title']} {position}" if hostile_fields else f"Paper {position}: {name}",
            authors=FIELDS["authors"] if hostile_fields else "Ada Lovelace",
            affiliations=FIELDS["affiliations"] if hostile_fields else "Somewhere",
            original_url=FIELDS["original url"] if hostile_fields else f"https://example.org/{position}",
        )
        if hostile_fields:
            paper.topics.add(topic)
            PaperLinkFactory(paper=paper, label=FIELDS["link label"], url=FIELDS["link url"])
        review = ReviewFactory(
            paper=paper, reviewer=reviewer, body=storable(body), status="published", published_at=now
        )
        IssueEntryFactory(issue=issue, review=review, position=position)
        content.reviews[name] = review
    return content
