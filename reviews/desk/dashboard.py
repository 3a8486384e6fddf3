"""What the admin index shows first: what needs an editor's attention. A fixed number of queries.

Each part appears only for users who may see its objects. The next planned issue comes from the
digest app, which is imported lazily here (`reviews` does not import `digest` at module level).
"""

from django.db.models import Count, F
from django.utils import timezone

from ..models import Assignment, Review
from .filters import in_an_issue

SHOWN = 5
TEXTS = ("body", "body_html", "search_document")


def _first(queryset, *ordering):
    """The first few rows, sorted before anything is joined; papers and reviewers come after, for those rows only."""
    return list(queryset.defer(*TEXTS).order_by(*ordering).prefetch_related("paper", "reviewer")[:SHOWN])


def _reviews_waiting():
    waiting = Review.objects.awaiting_decision()
    return {
        "count": waiting.count(),
        "oldest": _first(waiting, F("submitted_at").asc(nulls_first=True), "pk"),
    }


def _approved_unscheduled():
    pool = Review.objects.approved().filter(~in_an_issue())
    return {
        "count": pool.count(),
        "oldest": _first(pool, F("decided_at").asc(nulls_first=True), "pk"),
        "languages": _pool_by_language(pool),
    }


def _pool_by_language(pool):
    """Per language of the pool: how many, and where they go next: the next planned issue in that
    language (its workspace), else a series in that language to plan one for. Three queries."""
    from digest.models import Issue, Series

    counts = dict(pool.order_by().values_list("language").annotate(count=Count("pk")).values_list("language", "count"))
    if not counts:
        return []
    issues, series = {}, {}
    planned = (
        Issue.objects.planned()
        .filter(series__language__in=counts)
        .select_related("series")
        .order_by(F("planned_for").asc(nulls_last=True), "period_start", "pk")
    )
    for issue in planned:
        issues.setdefault(issue.series.language, issue)
    for one in Series.objects.filter(language__in=set(counts) - set(issues)).order_by("name"):
        series.setdefault(one.language, one)
    names = dict(Review._meta.get_field("language").choices)
    return [
        {
            "language": code,
            "name": names.get(code, code),
            "count": counts[code],
            "issue": issues.get(code),
            "series": series.get(code),
        }
        for code in sorted(counts, key=lambda code: (-counts[code], code))
    ]


def _overdue_assignments(today):
    overdue = Assignment.objects.overdue(today)
    rows = list(overdue.order_by("due_date", "pk").prefetch_related("paper", "reviewer")[:SHOWN])
    for assignment in rows:
        assignment.days_overdue = (today - assignment.due_date).days
    return {"count": overdue.count(), "oldest": rows}


def _next_issue():
    from digest.models import Issue

    issue = (
        Issue.objects.planned()
        .select_related("series")
        .annotate(entry_count=Count("entries"))
        .order_by(F("planned_for").asc(nulls_last=True), "period_start", "pk")
        .first()
    )
    if issue is None:
        return None
    low, high = issue.series.target_min_entries, issue.series.target_max_entries
    if issue.entry_count < low:
        fullness = "short"
    elif issue.entry_count > high:
        fullness = "over"
    else:
        fullness = "ready"
    return {"issue": issue, "count": issue.entry_count, "low": low, "high": high, "fullness": fullness}


def _failed_messages():
    from ..outbox.models import Message

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
    if user.has_perm("digest.view_issue"):
        parts["next_issue"] = _next_issue()
    return parts
