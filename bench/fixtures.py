"""Slugs, ids and logged-in sessions that the page table's paths need, picked from the generated data.

Picks are typical rather than easy: an issue of ordinary size, a review of median length in it,
the reviewer with the most published reviews, the issue with 50 entries for the export.
"""

import random
import secrets

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.cached_db import SessionStore
from django.db.models import Count, F
from django.db.models.functions import Abs, Length

from bench.datagen import text
from digest.models import Issue
from reviews.models import Review, Reviewer
from reviews.roles import EDITORS

SEARCH_TERM = "distillation"  # in about one paper title in twenty ("Knowledge distillation …")


DISTINCT_REVIEWS, DISTINCT_ISSUES, DISTINCT_SEARCHES = 3000, 300, 3000


def search_words():
    """What readers type: words of paper titles and topics, terms, authors' surnames, and words of
    the reviews' own (small) vocabulary, which are in most reviews of their language."""
    titles = " ".join([*text.TITLE_HEADS, *text.TITLE_TAILS, *text.TOPICS, *text.TERMS]).lower().split()
    surnames = [name.split()[-1].lower() for name in text.LATIN_NAMES]
    body = [word for vocabulary in text.WORDS.values() for word in vocabulary if len(word) > 3]
    return sorted({word for word in titles if len(word) > 3} | set(surnames)), sorted(set(body))


def searches(rng, count):
    """`count` distinct searches of one to three words: half from titles and authors, half mixing in
    one word of the reviews' vocabulary."""
    named, body = search_words()
    found = set()
    while len(found) < count:
        size = rng.randint(1, 3)
        words = rng.sample(named, size)
        if rng.random() < 0.5:
            words[-1] = rng.choice(body)
        found.add(" ".join(words))
    return sorted(found, key=lambda one: rng.random())


def session_for(user):
    """A logged-in session, as the login form would leave it."""
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def collect(seed=1):
    published = Issue.objects.published().annotate(n=Count("entries"))
    export_issue = published.order_by("-n", "-published_at").first()
    ordinary = published.exclude(pk=export_issue.pk).filter(n__gte=1, translation_of=None)
    issue = ordinary.order_by(Abs(F("n") - 10), "-published_at", "-id").first()  # about 10 entries, recent
    in_issue = (
        Review.objects.filter(issue_entry__issue=issue).annotate(size=Length("body")).order_by("size", "id")
    )  # fmt: skip
    review = list(in_issue)[in_issue.count() // 2]
    paper = review.paper
    reviewer = (
        Reviewer.objects.filter(reviews__status="published").annotate(n=Count("reviews")).order_by("-n", "id").first()
    )
    User = get_user_model()
    editor = User.objects.filter(groups__name=EDITORS, is_active=True).order_by("id").first()
    member = User.objects.filter(reviewer__isnull=False, is_staff=False).order_by("id").first()
    csrf = secrets.token_hex(16)  # a CSRF secret: sent as the cookie and as X-CSRFToken
    distinct = random.Random(seed)
    published_ids = list(Review.objects.published().values_list("pk", flat=True))
    issue_slugs = list(Issue.objects.published().order_by("pk").values_list("slug", flat=True))
    return {
        "review_pks": distinct.sample(published_ids, min(DISTINCT_REVIEWS, len(published_ids))),
        "issue_slugs": distinct.sample(issue_slugs, min(DISTINCT_ISSUES, len(issue_slugs))),
        "searches": searches(distinct, DISTINCT_SEARCHES),
        "issue_slug": issue.slug,
        "issue_pk": issue.pk,
        "export_issue_pk": export_issue.pk,
        "export_issue_entries": export_issue.n,
        "review_pk": review.pk,
        "reviewer_slug": reviewer.slug,
        "topic_slug": paper.topics.order_by("id").first().slug,
        "year": paper.year,
        "language": review.language,
        "series_slug": issue.series.slug,
        "search": SEARCH_TERM,
        "long_body": text.review_body(random.Random(seed), "en", 5000),
        "cookies": {
            "editor": f"{settings.SESSION_COOKIE_NAME}={session_for(editor)}; {settings.CSRF_COOKIE_NAME}={csrf}",
            "member": f"{settings.SESSION_COOKIE_NAME}={session_for(member)}; {settings.CSRF_COOKIE_NAME}={csrf}",
        },
        "csrf": csrf,
        "reviews": Review.objects.count(),
    }
