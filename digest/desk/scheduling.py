"""“Add to issue…” on the review changelist: the digest app's action on reviews' admin.

The step offers the planned issues of the reviews' language and, in the same list, a new issue of
each series in that language (with its first month), so there is always somewhere to go; then it
opens the issue's workspace. `digest` builds on `reviews`, never the other way round, so the
action is attached here, to a subclass of reviews' ReviewAdmin that digest/desk/issue_admin.py registers in
its place. Only `digest.services` writes.
"""

import datetime

from django import forms
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from reviews import rules
from reviews.desk.review_admin import ReviewAdmin

from .. import services
from ..models import Issue, Series
from .capacity import Capacity

NEW = "new-"


def planned_issues(language):
    return Issue.objects.planned().in_planning_order().with_entry_count().filter(series__language=language)


def series_in(language):
    return Series.objects.filter(language=language).order_by("name")


def next_month(today=None):
    today = today or timezone.localdate()
    return (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self):
        super().__init__({"placeholder": gettext_lazy("YYYY-MM")}, format="%Y-%m")


class AddToIssueForm(forms.Form):
    issue = forms.ChoiceField(
        label=gettext_lazy("Issue"),
        widget=forms.RadioSelect,
        help_text=gettext_lazy("The reviews are appended after the issue's last entry, in the order shown."),
        error_messages={"required": gettext_lazy("Choose an issue, or a series to plan a new issue of.")},
    )
    period_start = forms.DateField(
        label=gettext_lazy("First month of the new issue"),
        required=False,
        input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=MonthInput(),
        help_text=gettext_lazy("Only for a new issue; for example 2020-04."),
    )

    def __init__(self, *args, reviews, **kwargs):
        super().__init__(*args, **kwargs)
        self.reviews = reviews
        self.languages = sorted({review.language for review in reviews})
        self.language = self.languages[0] if len(self.languages) == 1 else None
        self.issues = list(planned_issues(self.language)) if self.language else []
        self.series = list(series_in(self.language)) if self.language else []
        self.fields["issue"].choices = [(str(issue.pk), self.issue_label(issue)) for issue in self.issues] + [
            (f"{NEW}{series.pk}", _("Plan a new issue of %(series)s") % {"series": series}) for series in self.series
        ]
        if self.fields["issue"].choices:  # the next planned issue, else the only series
            self.fields["issue"].initial = self.fields["issue"].choices[0][0]
        self.fields["period_start"].initial = next_month()

    @staticmethod
    def issue_label(issue):
        return f"{issue} — {Capacity.of(issue).label}"

    @property
    def language_names(self):
        names = dict(self.reviews[0]._meta.get_field("language").choices) if self.reviews else {}
        return [str(names.get(code, code)) for code in self.languages]

    def clean(self):
        data = super().clean()  # reviews in several languages have no choice to make: the page says why
        choice = data.get("issue", "")
        if choice.startswith(NEW):
            series = next((series for series in self.series if f"{NEW}{series.pk}" == choice), None)
            if not data.get("period_start"):
                self.add_error("period_start", _("Give the first month of the new issue."))
            elif series is not None:
                try:
                    services.check_new_issue(series=series, period_start=data["period_start"])
                except ValidationError as error:
                    self.add_error("period_start", error.messages)
            data["new_series"] = series
        elif choice:
            data["existing"] = next((issue for issue in self.issues if str(issue.pk) == choice), None)
        return data


def add_to_issue(model_admin, request, queryset):
    """Pick a planned issue of the reviews' language or plan a new one, then add every selected
    review to it — or none, with the reasons — and open the issue's workspace."""
    reviews = list(queryset.select_related("paper", "reviewer").order_by("decided_at", "pk"))
    form = AddToIssueForm(request.POST if "apply" in request.POST else None, reviews=reviews)
    if form.is_bound and form.is_valid():
        try:
            with transaction.atomic():
                issue = form.cleaned_data.get("existing")
                if form.cleaned_data.get("new_series") is not None:
                    issue = services.create_issue(
                        series=form.cleaned_data["new_series"], period_start=form.cleaned_data["period_start"]
                    )
                services.add_reviews_to_issue(issue, reviews, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            url = reverse("admin:digest_issue_workspace", args=[issue.pk])
            text = ngettext("%(count)d review added to {}.", "%(count)d reviews added to {}.", len(reviews)) % {
                "count": len(reviews)
            }
            model_admin.message_user(request, format_html(text, format_html('<a href="{}">{}</a>', url, issue)))
            return HttpResponseRedirect(url)
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "media": model_admin.media,
        "title": _("Add reviews to an issue"),
        "form": form,
        "reviews": reviews,
        "action": request.POST.get("action"),
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
        "cancel_url": reverse("admin:reviews_review_changelist"),
    }
    return TemplateResponse(request, "admin/reviews/review/add_to_issue.html", context)


class SchedulingReviewAdmin(ReviewAdmin):
    """Reviews' admin with the digest app's "Add to an issue…" action."""

    actions = [*ReviewAdmin.actions, "add_to_issue"]

    def has_schedule_permission(self, request):
        return rules.is_editor(request.user) and request.user.has_perm("digest.add_issueentry")

    @admin.action(description=gettext_lazy("Add selected reviews to an issue…"), permissions=["schedule"])
    def add_to_issue(self, request, queryset):
        return add_to_issue(self, request, queryset)
