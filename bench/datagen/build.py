"""Turn a plan into rows and insert them with bulk_create, batch by batch.

Primary keys are chosen here (continuing after the highest existing one), so that rows can
refer to each other without reading anything back; PostgreSQL's sequences are reset at the end.
"""

import datetime
import itertools
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max
from django.utils.text import slugify

from digest.models import Issue, IssueStatus, Series
from digest.services import issue_slug
from reviews.enums import ReviewStatus
from reviews.models import Assignment, Paper, Review, Reviewer, Topic
from reviews.roles import EDITORS

from . import text
from .plan import LANGUAGE_WEIGHTS, SERIES

S = ReviewStatus
User = get_user_model()
DAY = datetime.timedelta(days=1)
EDITOR_COUNT = 5
ACCOUNT_SHARE = 0.7  # reviewers who have an account (the others came with imported posts)

# The states a review went through to reach its final state (events are recorded for each move).
PATHS = {
    S.DRAFT: [],
    S.SUBMITTED: [S.SUBMITTED],
    S.CHANGES_REQUESTED: [S.SUBMITTED, S.CHANGES_REQUESTED],
    S.APPROVED: [S.SUBMITTED, S.APPROVED],
    S.PUBLISHED: [S.SUBMITTED, S.APPROVED, S.PUBLISHED],
    S.REJECTED: [S.SUBMITTED, S.REJECTED],
    S.WITHDRAWN: [S.WITHDRAWN],
}
COMMENTS = {
    S.CHANGES_REQUESTED: "Please add the results table and a link to the code.",
    S.REJECTED: "This paper was already reviewed in an earlier issue.",
}
AUTO_TIMESTAMPED = [Reviewer, Paper, Assignment, Review, Series, Issue]


@contextmanager
def explicit_timestamps():
    """Let generated rows keep their historical created/updated times instead of 'now'."""
    fields = [f for model in AUTO_TIMESTAMPED for f in model._meta.concrete_fields if hasattr(f, "auto_now")]
    saved = [(f, f.auto_now, f.auto_now_add) for f in fields]
    for f in fields:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def next_ids(model):
    return itertools.count((model._default_manager.aggregate(top=Max("pk"))["top"] or 0) + 1)


def reset_sequences(models):
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)


def at_noon(day):
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


class Builder:
    def __init__(self, rng, plan, pool, *, reviewers, anchor, batch_size, progress):
        self.rng, self.plan, self.pool, self.anchor = rng, plan, pool, anchor
        self.now = at_noon(anchor)
        self.start = self.now - datetime.timedelta(days=365 * 11)
        self.reviewer_total, self.batch_size, self.progress = reviewers, batch_size, progress

    def save(self, model, objects):
        for offset in range(0, len(objects), self.batch_size):
            model._default_manager.bulk_create(objects[offset : offset + self.batch_size])

    def moment(self, low, high):
        span = max((high - low).total_seconds(), 1)
        return low + datetime.timedelta(seconds=self.rng.uniform(0, span))

    # --- people -----------------------------------------------------------------------------------

    def people(self):
        rng, user_ids, reviewer_ids = self.rng, next_ids(User), next_ids(Reviewer)
        unusable = make_password(None)
        editors = [
            User(id=next(user_ids), username=f"editor{n}@example.org", email=f"editor{n}@example.org",
                 password=unusable, is_staff=True, first_name="Editor", last_name=str(n), date_joined=self.start)
            for n in range(1, EDITOR_COUNT + 1)
        ]  # fmt: skip
        users, reviewers, slugs = [], [], set(Reviewer.objects.values_list("slug", flat=True))
        languages = rng.choices(list(LANGUAGE_WEIGHTS), list(LANGUAGE_WEIGHTS.values()), k=self.reviewer_total)
        for language in self.progress(languages, desc="reviewers", unit="reviewer"):
            name = text.person_name(rng, language)
            joined = self.moment(self.start, self.now)
            user = None
            if rng.random() < ACCOUNT_SHARE:
                pk = next(user_ids)
                user = User(id=pk, username=f"member{pk}@example.org", email=f"member{pk}@example.org",
                            password=unusable, first_name=name.split(" ")[0], date_joined=joined)  # fmt: skip
                users.append(user)
            base = slugify(name, allow_unicode=True)[:80].strip("-") or "reviewer"
            slug, n = base, 2
            while slug in slugs:
                slug, n = f"{base[:74]}-{n}", n + 1
            slugs.add(slug)
            handle = f"{slugify(text.TERMS[rng.randrange(len(text.TERMS))])}_{len(reviewers)}"
            reviewers.append(
                Reviewer(
                    id=next(reviewer_ids), user=user, display_name=name, slug=slug, created_at=joined,
                    chat_handle=handle if rng.random() < 0.8 else "",
                    blog_handle=handle.replace("_", "") if rng.random() < 0.4 else "",
                    bio="Reads papers about optimisation and vision." if rng.random() < 0.3 else "",
                )
            )  # fmt: skip
        self.save(User, editors + users)
        group = Group.objects.get(name=EDITORS)
        User.groups.through.objects.bulk_create([User.groups.through(user=u, group=group) for u in editors])
        self.save(Reviewer, reviewers)
        self.editors = editors
        self.reviewers = {language: [] for language in LANGUAGE_WEIGHTS}
        for reviewer, language in zip(reviewers, languages, strict=True):
            self.reviewers[language].append(reviewer)
        # A few prolific reviewers, many occasional ones (Zipf-like weights within each language: the most
        # active of 10,000 writes about 600 of 100,000 reviews, one a week for eleven years).
        self.reviewer_weights = {
            language: list(itertools.accumulate(1 / (rank + 1) ** 0.6 for rank in range(len(group))))
            for language, group in self.reviewers.items()
        }

    def pick_reviewer(self, language):
        group = self.reviewers[language] or next(g for g in self.reviewers.values() if g)
        weights = self.reviewer_weights[language] if self.reviewers[language] else None
        return self.rng.choices(group, cum_weights=weights)[0]

    # --- topics, series, issues -------------------------------------------------------------------

    def catalogue(self):
        topic_ids = next_ids(Topic)
        self.topics = [Topic(id=next(topic_ids), name=name, slug=slugify(name)) for name in text.TOPICS]
        self.save(Topic, self.topics)
        series_ids, issue_ids = next_ids(Series), next_ids(Issue)
        self.series = []
        for name, slug, language, _share, source, intro in SERIES:
            translated = self.series[source] if source is not None else None
            self.series.append(
                Series(
                    id=next(series_ids),
                    name=name,
                    slug=slug,
                    language=language,
                    intro=intro,
                    created_at=self.start,
                    translation_of=translated,
                )  # fmt: skip
            )
        self.save(Series, self.series)
        self.issues = []
        for plan in self.plan.issues:
            series = self.series[plan.series]
            published_at, url = None, ""
            if plan.published:
                url = f"https://habr.com/ru/company/ods/blog/{400000 + plan.index}/"
                published_at = min(at_noon(plan.end + 30 * DAY) + self.rng.randint(0, 20) * DAY, self.now - DAY)
            self.issues.append(
                Issue(
                    id=next(issue_ids), series=series, slug=issue_slug(series, plan.start, plan.end, plan.part),
                    period_start=plan.start, period_end=plan.end, part=plan.part,
                    planned_for=(plan.end + 35 * DAY),
                    status=IssueStatus.PUBLISHED if plan.published else IssueStatus.PLANNED,
                    published_at=published_at,
                    published_url=url,
                    translation_of=self.issues[plan.translation_of] if plan.translation_of is not None else None,
                    created_at=at_noon(plan.start) - 20 * DAY, updated_at=published_at or at_noon(plan.start),
                )
            )  # fmt: skip
        self.save(Issue, self.issues)
