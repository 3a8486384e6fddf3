"""“Add to issue…” on the review changelist: the one place the desk reaches into the digest app.

Issues belong to `digest`, which imports `reviews`; so `digest` is imported here lazily, inside
the functions, and only `digest.services.add_reviews_to_issue` writes.
"""

from django import forms
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import ValidationError
from django.db.models import Count, F
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext


def planned_issues():
    from digest.models import Issue

    return (
        Issue.objects.planned()
        .select_related("series")
        .annotate(entry_count=Count("entries"))
        .order_by(F("planned_for").asc(nulls_last=True), "period_start", "pk")
    )


class IssueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, issue):
        return _("%(issue)s — %(count)s of %(low)s–%(high)s entries") % {
            "issue": issue,
            "count": issue.entry_count,
            "low": issue.series.target_min_entries,
            "high": issue.series.target_max_entries,
        }


class AddToIssueForm(forms.Form):
    issue = IssueChoiceField(
        label=gettext_lazy("Issue"),
        queryset=None,
        empty_label=None,
        widget=forms.RadioSelect,
        help_text=gettext_lazy("The reviews are appended after the issue's last entry, in the order shown."),
    )

    def __init__(self, *args, reviews, **kwargs):
        super().__init__(*args, **kwargs)
        self.reviews = reviews
        self.fields["issue"].queryset = planned_issues()

    def clean_issue(self):
        issue = self.cleaned_data["issue"]
        foreign = [review for review in self.reviews if review.language != issue.series.language]
        if foreign:
            raise ValidationError(
                [
                    _("“%(title)s” is in %(language)s; “%(series)s” publishes in %(series_language)s.")
                    % {
                        "title": review.paper.title,
                        "language": review.get_language_display(),
                        "series": issue.series,
                        "series_language": issue.series.get_language_display(),
                    }
                    for review in foreign
                ]
            )
        return issue


def add_to_issue(model_admin, request, queryset):
    """Pick a planned issue, then add every selected review to it — or none, with the reasons."""
    from digest.services import add_reviews_to_issue

    reviews = list(queryset.select_related("paper", "reviewer").order_by("decided_at", "pk"))
    form = AddToIssueForm(request.POST if "apply" in request.POST else None, reviews=reviews)
    if form.is_bound and form.is_valid():
        issue = form.cleaned_data["issue"]
        try:
            add_reviews_to_issue(issue, reviews, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            url = reverse("admin:digest_issue_change", args=[issue.pk])
            text = ngettext("%(count)d review added to {}.", "%(count)d reviews added to {}.", len(reviews)) % {
                "count": len(reviews)
            }
            model_admin.message_user(request, format_html(text, format_html('<a href="{}">{}</a>', url, issue)))
            return None
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "media": model_admin.media,
        "title": _("Add reviews to an issue"),
        "form": form,
        "reviews": reviews,
        "action": request.POST.get("action"),
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
        "add_issue_url": reverse("admin:digest_issue_add"),
        "cancel_url": reverse("admin:reviews_review_changelist"),
    }
    return TemplateResponse(request, "admin/reviews/review/add_to_issue.html", context)
