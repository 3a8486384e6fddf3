"""What the admin index shows first: what needs an editor's attention. A fixed number of queries.

Each part appears only for users who may see its objects. Apps that build on reviews add their
parts (the digest app: where the approved reviews go next, the next planned issue) through
`contribution`, so that reviews never imports them.
"""

from django.db.models import Count
from django.utils import timezone

from ..models import Assignment, Review
from ..outbox.models import Message
from .filters import in_an_issue

SHOWN = 5
CONTRIBUTIONS = []  # functions(user, parts, today) that add to or refine the parts; see `contribution`


def contribution(function):
    """Register `function(user, parts, today)` to add its parts to every dashboard (a decorator)."""
    CONTRIBUTIONS.append(function)
    return function


def _first(queryset, *ordering):
    """The first few rows, sorted before anything is joined; papers and reviewers come after, for those rows only."""
    return list(queryset.without_texts().order_by(*ordering).prefetch_related("paper", "reviewer")[:SHOWN])


def _oldest(queryset, field):
    """The first few of `queryset` by `field`, those without one first, then by id. Their ids are
    read in two parts, each a walk down an index (review_waiting_order, review_approved_order):
    ORDER BY … NULLS FIRST can use no index on PostgreSQL, and SQLite read every row of the status
    to sort them (~90 ms at 10,000 submitted reviews: the dates sit after the texts)."""
    undated = queryset.filter(**{f"{field}__isnull": True}).order_by("pk")
    dated = queryset.filter(**{f"{field}__isnull": False}).order_by(field, "pk")
    ids = [*undated.values_list("pk", flat=True)[:SHOWN], *dated.values_list("pk", flat=True)[:SHOWN]][:SHOWN]
    rows = {row.pk: row for row in _first(queryset.model.objects.filter(pk__in=ids), "pk")}
    return [rows[pk] for pk in ids if pk in rows]


def _reviews_waiting():
    waiting = Review.objects.awaiting_decision()
    return {"count": waiting.count(), "oldest": _oldest(waiting, "submitted_at")}


def _approved_unscheduled():
    pool = Review.objects.approved().filter(~in_an_issue())
    return {"count": pool.count(), "oldest": _oldest(pool, "decided_at"), "languages": _pool_by_language(pool)}


def _pool_by_language(pool):
    """Per language of the pool, most first: {"language", "name", "count"}. One query."""
    counts = dict(pool.order_by().values_list("language").annotate(count=Count("pk")).values_list("language", "count"))
    names = dict(Review._meta.get_field("language").choices)
    return [
        {"language": code, "name": names.get(code, code), "count": counts[code]}
        for code in sorted(counts, key=lambda code: (-counts[code], code))
    ]


def _overdue_assignments(today):
    overdue = Assignment.objects.overdue(today)
    rows = list(overdue.order_by("due_date", "pk").prefetch_related("paper", "reviewer")[:SHOWN])
    for assignment in rows:
        assignment.days_overdue = (today - assignment.due_date).days
    return {"count": overdue.count(), "oldest": rows}


def _failed_messages():
    failed = Message.objects.failed()
    latest = failed.defer("body", "payload").order_by("-created_at", "-pk")[:SHOWN]
    return {"count": failed.count(), "latest": list(latest)}


def dashboard_for(user, today=None):
    """The parts of the dashboard `user` may see; an empty dict for everyone else."""
    today = today or timezone.localdate()
    parts = {}
    if user.has_perm("reviews.view_review"):
        parts["waiting"] = _reviews_waiting()
        parts["approved"] = _approved_unscheduled()
    if user.has_perm("reviews.view_assignment"):
        parts["overdue"] = _overdue_assignments(today)
    if user.has_perm("outbox.view_message"):
        parts["failed_messages"] = _failed_messages()
    for contribute in CONTRIBUTIONS:
        contribute(user, parts, today)
    return parts
