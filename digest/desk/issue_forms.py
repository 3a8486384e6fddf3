"""Forms of the issue desk: plan an issue, change it, and the issue pages' confirmations."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import BooleanField, Case, Q, When
from django.utils.translation import gettext_lazy as _

from reviews.models import Review

from .. import services
from ..models import Issue, Series

MONTH_FORMATS = ["%Y-%m", "%Y-%m-%d"]


class MonthInput(forms.DateInput):
    """A month picker where the browser has one (<input type="month">), else text as "2019-07"."""

    input_type = "month"

    def __init__(self, attrs=None):
        super().__init__({"placeholder": _("YYYY-MM"), **(attrs or {})}, format="%Y-%m")


class IssueAddForm(forms.ModelForm):
    """Plan an issue: create_issue makes it (months, slug); clean() asks the service's own checks first."""

    period_start = forms.DateField(
        label=_("First month"), input_formats=MONTH_FORMATS, widget=MonthInput, help_text=_("For example 2019-07.")
    )
    period_end = forms.DateField(
        label=_("Last month"),
        required=False,
        input_formats=MONTH_FORMATS,
        widget=MonthInput,
        help_text=_("Leave empty for an issue of one month; set it for a range such as July — September 2019."),
    )
    part = forms.IntegerField(
        label=_("Part"),
        required=False,
        min_value=1,
        max_value=99,
        help_text=_("Only when the period has several issues (“Part 1”, “Part 2”)."),
    )

    class Meta:
        model = Issue
        fields = ["series", "period_start", "period_end", "part", "planned_for"]

    def clean(self):
        data = super().clean()
        if data.get("series") and data.get("period_start") and not self.has_error("period_end"):
            try:
                start, end = services.check_new_issue(
                    series=data["series"],
                    period_start=data["period_start"],
                    period_end=data.get("period_end"),
                    part=data.get("part"),
                )
            except ValidationError as error:
                self.add_error(None, error)
            else:
                data["period_start"], data["period_end"] = start, end
        return data

    def validate_unique(self):
        """Duplicates are the service's to judge: clean() asked check_new_issue, create_issue asks again."""

    def service_arguments(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class IssueChangeForm(forms.ModelForm):
    class Meta:
        model = Issue
        fields = list(services.EDITABLE_FIELDS)

    def clean_translation_of(self):
        original = self.cleaned_data.get("translation_of")
        try:
            services.check_issue_translation(self.instance, original)
        except ValidationError as error:
            raise ValidationError(error.messages) from error
        return original


class AddReviewsForm(forms.Form):
    """The ticked reviews; which of them may go in is add_reviews_to_issue's to say."""

    reviews = forms.ModelMultipleChoiceField(
        queryset=Review.objects.without_texts(),
        error_messages={"required": _("Tick the reviews to add.")},
    )


class SplitForm(forms.Form):
    size = forms.IntegerField(
        label=_("Entries per part"),
        min_value=1,
        max_value=999,
        help_text=_("Every part but the last gets this many entries, in the issue's order."),
    )
    # The entries the editor saw, in order: if they changed meanwhile the split is refused.
    expected = forms.CharField(widget=forms.HiddenInput, required=False)

    def expected_entries(self):
        value = self.cleaned_data.get("expected", "")
        return [int(pk) for pk in value.split(",") if pk.isdigit()] if value else None


class WebURLField(forms.URLField):
    default_validators = [URLValidator(schemes=["http", "https"])]


class PublishForm(forms.Form):
    url = WebURLField(
        label=_("Public URL"),
        max_length=500,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"size": 60, "autofocus": True, "placeholder": "https://"}),
        help_text=_("Where readers find the post, for example https://habr.com/ru/articles/461735/."),
    )
    # A fingerprint of the text the editor was shown: if the issue changed meanwhile, publishing is refused.
    expected = forms.CharField(widget=forms.HiddenInput)


class SeriesChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, series):
        language = series.get_language_display()
        if series.is_related:
            return _("%(series)s (%(language)s, the translations of this series)") % {
                "series": series,
                "language": language,
            }
        return f"{series} ({language})"


class TranslateForm(forms.Form):
    series = SeriesChoiceField(
        label=_("Series"),
        queryset=Series.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        help_text=_("A new issue of this series, for the same period and part, is filled with the translations."),
    )

    def __init__(self, *args, issue, **kwargs):
        super().__init__(*args, **kwargs)
        # The series that publish translations of this one (or that this one translates) come first.
        related = Q(translation_of_id=issue.series_id) | Q(pk=issue.series.translation_of_id or 0)
        choices = (
            Series.objects.exclude(language=issue.series.language)
            .annotate(is_related=Case(When(related, then=True), default=False, output_field=BooleanField()))
            .order_by("-is_related", "name")
        )
        self.fields["series"].queryset = choices
        first = choices.first()
        if first is not None and first.is_related:
            self.fields["series"].initial = first.pk
