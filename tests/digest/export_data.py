"""A fixed issue for the export tests: every field known, so that the golden files stay put."""

import datetime
from pathlib import Path

from django.utils import timezone

from tests.factories import (
    IssueEntryFactory,
    IssueFactory,
    PaperFactory,
    PaperLinkFactory,
    ReviewerFactory,
    ReviewFactory,
    SeriesFactory,
)

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
ZH_BODY = (FIXTURES / "bodies" / "zh-notes.md").read_text(encoding="utf-8")
SECOND_BODY = """Knowledge distillation trains a *small* model on the soft_targets of a large one[^t].

![Figure 1](/media/uploads/figure-1.png)

```python
loss = kl_div(student / T, teacher / T) * T**2
```

> The temperature $T$ matters more than the architecture.

[^t]: The original paper says "transfer set".
"""
D = datetime.date


def make_issue(*, entries=2, language="en"):
    """An April 2020 issue, part 1, with two earlier published issues of the same series."""
    series = SeriesFactory(
        name="Reading articles for you",
        slug="reading-articles-for-you",
        language=language,
        intro="Hello! We continue to publish reviews of papers from the **#article_essense** channel.",
        outro="Join the [community](https://ods.ai/) to get them first.",
        previous_links_count=2,
    )
    for month, url in ((2, "https://habr.com/ru/company/ods/blog/1/"), (3, "")):
        IssueFactory(
            series=series, slug=f"earlier-{month}", period_start=D(2020, month, 1), period_end=D(2020, month, 1),
            status="published", published_at=timezone.now(), published_url=url,
        )  # fmt: skip
    issue = IssueFactory(series=series, slug="reading-2020-04-part-1", period_start=D(2020, 4, 1), part=1)
    first = PaperFactory(
        title="Unsupervised Image-to-Image Translation Networks",
        authors="Ming-Yu Liu, Thomas Breuel, Jan Kautz",
        affiliations="NVIDIA",
        year=2017,
        original_url="https://arxiv.org/abs/1703.00848",
        arxiv_id="1703.00848",
    )
    PaperLinkFactory(paper=first, kind="code", label="GitHub project", url="https://github.com/mingyuliutw/UNIT")
    PaperLinkFactory(paper=first, kind="video", label="Video", url="https://www.youtube.com/watch?v=nlyXoS9Oy8s")
    second = PaperFactory(
        title="Distilling the Knowledge in a Neural Network",
        authors="Geoffrey Hinton, Oriol Vinyals, Jeff Dean",
        affiliations="",
        year=2015,
        original_url="",
        arxiv_id="1503.02531",
    )
    PaperLinkFactory(paper=second, kind="blog", label="Blog", url="")
    reviewers = [
        ReviewerFactory(user=None, display_name="Li Jiazheng", chat_handle="li_jz", blog_handle="lijz"),
        ReviewerFactory(user=None, display_name="Ann Author", chat_handle="", blog_handle=""),
    ]
    specs = [(first, reviewers[0], ZH_BODY, "approved"), (second, reviewers[1], SECOND_BODY, "submitted")]
    for position in range(entries):
        paper, reviewer, body, status = specs[position % 2]
        if position >= 2:
            paper = PaperFactory()
        review = ReviewFactory(paper=paper, reviewer=reviewer, body=body, status=status, language=language)
        IssueEntryFactory(issue=issue, review=review, position=position + 1)
    return issue
