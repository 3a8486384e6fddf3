"""The review admin's small views: decide on one review, decide on many, versions and restore.

Views decide who may act (rules); the services decide whether the review's state allows it.
"""

from django.contrib import messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models.functions import Length
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.decorators.http import require_POST

from .. import rules, services
from ..diffing import diff_lines, diff_stats
from ..enums import TRANSITIONS, ReviewStatus
from .forms import DecisionForm

TITLES = {
    ReviewStatus.APPROVED: gettext_lazy("Approve"),
    ReviewStatus.CHANGES_REQUESTED: gettext_lazy("Request changes"),
    ReviewStatus.REJECTED: gettext_lazy("Reject"),
}


def _context(model_admin, request, **extra):
    return {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "media": model_admin.media,
        **extra,
    }


class ReviewPageView(View):
    """A page about one review; 404 if it does not exist, 403 unless `allowed` says yes."""

    model_admin = None

    def get_review(self, request, object_id):
        review = self.model_admin.get_object(request, unquote(object_id))
        if review is None:
            raise Http404(_("There is no such review."))
        if not self.allowed(request, review):
            raise PermissionDenied
        return review

    def allowed(self, request, review):
        raise NotImplementedError

    def change_url(self, review):
        return reverse("admin:reviews_review_change", args=[review.pk])


class DecideView(ReviewPageView):
    """Approve, request changes or reject one review; the last two ask for a comment first."""

    def allowed(self, request, review):
        return self.model_admin.has_decide_permission(request)

    def dispatch(self, request, object_id, to):
        if to not in TITLES:
            raise Http404(_("There is no such decision."))
        return super().dispatch(request, object_id, ReviewStatus(to))

    def get(self, request, object_id, to):
        review = self.get_review(request, object_id)
        return self.render(request, review, to, DecisionForm(to=to, initial={"expected_status": review.status}))

    def post(self, request, object_id, to):
        review = self.get_review(request, object_id)
        form = DecisionForm(request.POST, to=to)
        if not form.is_valid():
            return self.render(request, review, to, form)
        previous = review.status
        try:
            services.transition_review(
                review,
                to=to,
                by=request.user,
                comment=form.cleaned_data["comment"],
                expected_status=form.cleaned_data["expected_status"] or None,
            )
        except services.WorkflowError as error:
            messages.error(request, error.messages[0])
        else:
            self.model_admin.log_change(request, review, decision_log(previous, to))
            messages.success(request, _("The review is now “%(status)s”.") % {"status": to.label})
        return redirect(self.change_url(review))

    def render(self, request, review, to, form):
        context = _context(
            self.model_admin,
            request,
            title=f"{TITLES[to]}: {review.paper.title}",
            form=form,
            reviews=[review],
            to=to,
            verb=TITLES[to],
            allowed=(review.status, to) in TRANSITIONS,
            current=review.get_status_display(),
            cancel_url=self.change_url(review),
        )
        return TemplateResponse(request, "admin/reviews/review/decide.html", context)


def decision_log(previous, to):
    """The line in Django's admin log ("Recent actions") for a workflow move; in English like the desk's others."""
    return f"Status changed from {ReviewStatus(previous).value} to {ReviewStatus(to).value}."


def decide_many(model_admin, request, queryset, *, to):
    """The bulk actions: one workflow move over the selected reviews, a comment first where needed."""
    form = DecisionForm(request.POST if "apply" in request.POST else None, to=to)
    if form.comment_required and not (form.is_bound and form.is_valid()):
        context = _context(
            model_admin,
            request,
            title=TITLES[to],
            form=form,
            reviews=queryset.select_related("paper", "reviewer"),
            to=to,
            verb=TITLES[to],
            allowed=True,
            action=request.POST.get("action"),
            action_checkbox_name=ACTION_CHECKBOX_NAME,
            cancel_url=reverse("admin:reviews_review_changelist"),
        )
        return TemplateResponse(request, "admin/reviews/review/decide.html", context)
    comment = form.cleaned_data["comment"] if form.is_bound else ""
    done = 0
    for review in queryset.select_related("paper"):
        previous = review.status
        try:
            services.transition_review(review, to=to, by=request.user, comment=comment)
            model_admin.log_change(request, review, decision_log(previous, to))
            done += 1
        except services.WorkflowError as error:
            model_admin.message_user(request, f"{review.paper.title}: {error.messages[0]}", messages.ERROR)
    if done:
        model_admin.message_user(
            request,
            ngettext("%(count)d review is now “%(status)s”.", "%(count)d reviews are now “%(status)s”.", done)
            % {"count": done, "status": to.label},
            messages.SUCCESS,
        )
    return None


def review_versions(review):
    """One row per version of the body: the record that created it, who saved it, its length."""
    records = (
        review.history.order_by("version", "history_date", "history_id")
        .annotate(length=Length("body"))
        .values(
            "history_id",
            "version",
            "history_date",
            "status",
            "length",
            "history_user__username",
            "history_user__first_name",
            "history_user__last_name",
            "history_user__reviewer__display_name",
        )
    )
    versions = {}
    for record in records:
        versions.setdefault(record["version"], record)
    for record in versions.values():
        names = [record["history_user__first_name"], record["history_user__last_name"]]
        record["by"] = (
            record["history_user__reviewer__display_name"]
            or " ".join(name for name in names if name)
            or (record["history_user__username"] or "—").split("@")[0]
        )
        record["status_label"] = ReviewStatus(record["status"]).label
    return list(versions.values())


def _version_number(value, default, known):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if number in known else default


class VersionsView(ReviewPageView):
    """Every version of the body, a diff between any two, and a restore button for each."""

    def allowed(self, request, review):
        return self.model_admin.has_view_permission(request, review)

    def get(self, request, object_id):
        review = self.get_review(request, object_id)
        versions = review_versions(review)
        by_number = {version["version"]: version for version in versions}
        numbers = sorted(by_number)
        newest = numbers[-1] if numbers else None
        new = _version_number(request.GET.get("new"), newest, by_number)
        older = [number for number in numbers if new is not None and number < new]
        old = _version_number(request.GET.get("old"), older[-1] if older else new, by_number)
        lines, stats = [], (0, 0)
        if old is not None and new is not None:
            bodies = dict(
                review.history.filter(
                    history_id__in=[by_number[old]["history_id"], by_number[new]["history_id"]]
                ).values_list("history_id", "body")
            )
            lines = diff_lines(bodies[by_number[old]["history_id"]], bodies[by_number[new]["history_id"]])
            stats = diff_stats(lines)
        context = _context(
            self.model_admin,
            request,
            title=_("Versions of the review: %(title)s") % {"title": review.paper.title},
            review=review,
            original=review,
            versions=list(reversed(versions)),
            old=old,
            new=new,
            lines=lines,
            added=stats[0],
            removed=stats[1],
            current=review.version,
            can_restore=self.model_admin.has_change_permission(request, review) and rules.is_editor(request.user),
            change_url=self.change_url(review),
        )
        return TemplateResponse(request, "admin/reviews/review/versions.html", context)


@method_decorator(require_POST, name="dispatch")
class RestoreView(ReviewPageView):
    """Bring back the body of an earlier version; the restore is a new version itself."""

    def allowed(self, request, review):
        return self.model_admin.has_change_permission(request, review) and rules.is_editor(request.user)

    def post(self, request, object_id):
        review = self.get_review(request, object_id)
        history_id = request.POST.get("history_id", "")
        old = None
        if history_id.isdigit():
            old = review.history.filter(history_id=history_id).values("history_id", "version").first()
        if old is None:
            raise Http404(_("This review has no such version."))
        before = review.version
        try:
            restored = services.restore_review_version(review, history_id=old["history_id"], by=request.user)
        except services.WorkflowError as error:
            messages.error(request, error.messages[0])
        else:
            if restored.version == before:
                messages.info(request, _("Version %(old)s is the current text already.") % {"old": old["version"]})
            else:
                self.model_admin.log_change(request, review, f"Restored version {old['version']}.")
                messages.success(
                    request,
                    _("The text of version %(old)s is restored as version %(new)s.")
                    % {"old": old["version"], "new": restored.version},
                )
        return redirect(reverse("admin:reviews_review_versions", args=[review.pk]))
