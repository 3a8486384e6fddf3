"""The digest app's parts of the desk's dashboard (reviews/desk/dashboard.py): where the approved
reviews of each language go next, and the next planned issue with its capacity. Two queries."""

from reviews.desk.dashboard import contribution

from ..models import Issue, Series
from .capacity import Capacity


@contribution
def issues_on_the_dashboard(user, parts, today):
    groups = parts.get("approved", {}).get("languages", [])
    if groups:
        _send_each_language_somewhere(groups)
    if user.has_perm("digest.view_issue"):
        issue = Issue.objects.planned().in_planning_order().with_entry_count().first()
        parts["next_issue"] = {"issue": issue, "capacity": Capacity.of(issue)} if issue else None


def _send_each_language_somewhere(groups):
    """To each language's group: the next planned issue in that language (its workspace), else a
    series in that language to plan one for."""
    languages = {group["language"] for group in groups}
    issues, series = {}, {}
    for issue in Issue.objects.planned().in_planning_order().filter(series__language__in=languages):
        issues.setdefault(issue.series.language, issue)
    for one in Series.objects.filter(language__in=languages - set(issues)).order_by("name"):
        series.setdefault(one.language, one)
    for group in groups:
        group["issue"], group["series"] = issues.get(group["language"]), series.get(group["language"])
