"""“Add to issue…” on the review changelist: the one place the desk reaches into the digest app.

The step offers the planned issues of the reviews' language and, in the same list, a new issue of
each series in that language (with its first month), so there is always somewhere to go; then it
opens the issue's workspace. Issues belong to `digest`, which imports `reviews`; so `digest` is
imported here lazily, inside the functions, and only `digest.services` writes.
"""

import datetime

from django import forms
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

NEW = "new-"


def planned_issues(language):
    from digest.models import Issue

    return (
        Issue.objects.planned()
        .filter(series__language=language)
        .select_related("series")
        .annotate(entry_count=Count("entries"))
        .order_by(F("planned_for").asc(nulls_last=True), "period_start", "pk")
    )


def series_in(language):
    from digest.models import Series

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
        return _("%(issue)s — %(count)s of %(low)s–%(high)s entries") % {
            "issue": issue,
            "count": issue.entry_count,
            "low": issue.series.target_min_entries,
            "high": issue.series.target_max_entries,
        }

    @property
    def language_names(self):
        names = dict(self.reviews[0]._meta.get_field("language").choices) if self.reviews else {}
        return [str(names.get(code, code)) for code in self.languages]

    def clean(self):
        data = super().clean()  # reviews in several languages have no choice to make: the page says why
        choice = data.get("issue", "")
        if choice.startswith(NEW):
            from digest.services import check_new_issue

            series = next((series for series in self.series if f"{NEW}{series.pk}" == choice), None)
            if not data.get("period_start"):
                self.add_error("period_start", _("Give the first month of the new issue."))
            elif series is not None:
                try:
                    check_new_issue(series=series, period_start=data["period_start"])
                except ValidationError as error:
                    self.add_error("period_start", error.messages)
            data["new_series"] = series
        elif choice:
            data["existing"] = next((issue for issue in self.issues if str(issue.pk) == choice), None)
        return data


def add_to_issue(model_admin, request, queryset):
    """Pick a planned issue of the reviews' language or plan a new one, then add every selected
    review to it — or none, with the reasons — and open the issue's workspace."""
    from digest import services

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
