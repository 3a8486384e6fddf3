"""Forms of the desk's intermediate pages and the review change form."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from markdownx.widgets import MarkdownxWidget

from .. import rules, services
from ..diffing import diff_lines
from ..enums import COMMENT_REQUIRED
from ..forms import keyboard_hint
from ..models import Assignment, Paper, Review, Reviewer


class DecisionForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment for the reviewer"),
        widget=forms.Textarea(attrs={"rows": 6, "autofocus": True}),
        required=False,
        help_text=_("The reviewer receives it by e-mail and sees it beside the review."),
    )
    # The state the editor saw: a decision taken on a stale page is refused, not stacked.
    expected_status = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, to, **kwargs):
        super().__init__(*args, **kwargs)
        self.comment_required = to in COMMENT_REQUIRED
        if self.comment_required:
            self.fields["comment"].required = True
            self.fields["comment"].error_messages["required"] = _("Say what should change: a comment is required.")

    def clean_comment(self):
        comment = self.cleaned_data["comment"].strip()
        if self.comment_required and not comment:
            raise ValidationError(self.fields["comment"].error_messages["required"], code="required")
        return comment


class ReviewBodyWidget(MarkdownxWidget):
    """The markdown source beside its rendered preview (the stored HTML until the live preview takes over)."""

    template_name = "django/forms/widgets/textarea.html"
    preview_html = ""

    class Media:
        js = ["js/markdown_keyboard.js"]

    def render(self, name, value, attrs=None, renderer=None):
        source = super().render(name, value, attrs, renderer)
        # preview_html is Review.body_html: the output of reviews.markdown.render_markdown, already sanitised.
        return format_html(
            '<div class="markdownx desk-body-editor">'
            '<div class="desk-body-source">{}</div>{}'
            '<div class="markdownx-preview desk-body-preview review-body" role="region" tabindex="0" '
            'aria-live="polite" aria-label="{}">{}</div></div>',
            source,
            keyboard_hint(name),
            _("Rendered review"),
            mark_safe(self.preview_html),
        )


class ReviewAdminForm(forms.ModelForm):
    """The review change form: carries the version it was opened at, so no save overwrites a newer one."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    user = None  # set per request by ReviewAdmin.get_form
    conflict = None  # the stored review when someone else saved first
    text_changed = False  # the body or the language differs from what is stored

    class Meta:
        model = Review
        fields = ["paper", "reviewer", "language", "translation_of", "body"]
        widgets = {"body": ReviewBodyWidget(attrs={"rows": 28})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "body" in self.fields:
            self.fields["body"].strip = False  # the text is saved exactly as typed
            self.fields["body"].widget.preview_html = self.instance.body_html
            if self.instance.pk and not self._text_editable(self.instance):
                self.fields["body"].widget.attrs["readonly"] = True
                self.fields["body"].help_text = _("A %(status)s review can no longer be edited.") % {
                    "status": self.instance.get_status_display().lower()
                }
        if self.instance.pk and not self.is_bound:
            self.initial["expected_version"] = self.instance.version
        if "translation_of" in self.fields and self.instance.pk:
            widget = self.fields["translation_of"].widget
            getattr(widget, "widget", widget).attrs["data-exclude"] = self.instance.pk

    def _text_editable(self, review):
        return review.status in rules.editable_states(rules.roles_of(self.user, review))

    def clean_body(self):
        """Browsers send a textarea's line breaks as CRLF; the stored text uses LF."""
        return self.cleaned_data["body"].replace("\r\n", "\n").replace("\r", "\n")

    def clean(self):
        cleaned = super().clean()
        review = self.instance
        if not review.pk:
            return cleaned
        current = Review.objects.select_related("reviewer", "paper").get(pk=review.pk)
        text_changed = self.text_changed = ("body" in cleaned and cleaned["body"] != current.body) or (
            "language" in cleaned and cleaned["language"] != current.language
        )
        if text_changed and not self._text_editable(current):
            raise ValidationError(
                _("This review is %(status)s: its text and language can no longer be changed.")
                % {"status": current.get_status_display().lower()},
                code="not_editable",
            )
        expected = cleaned.get("expected_version")
        if text_changed and expected != current.version:
            self.conflict = current
            self.conflict_diff = diff_lines(current.body, cleaned.get("body", ""))
            # The editor has now seen the stored text; their next save (after merging) may go through.
            self.data = self.data.copy()
            self.data[self.add_prefix("expected_version")] = current.version
            raise ValidationError(
                _(
                    "Someone else saved this review (now version %(version)s) since you opened it. "
                    "Your text is kept below; the differences from the saved text are shown under it. "
                    "Merge what you want to keep and save again."
                )
                % {"version": current.version},
                code="edit_conflict",
            )
        language = cleaned.get("language")
        if "language" in self.changed_data and language:
            clash = Review.objects.filter(paper_id=current.paper_id, reviewer_id=current.reviewer_id, language=language)
            if clash.exclude(pk=current.pk).exists():
                self.add_error("language", _("This reviewer already has a review of this paper in that language."))
        return cleaned

    def clean_translation_of(self):
        """Runs after `language` (the fieldsets keep that order), so the new language is known."""
        original = self.cleaned_data.get("translation_of")
        if original is None or not ({"translation_of", "language"} & set(self.changed_data)):
            return original
        review = Review.objects.get(pk=self.instance.pk) if self.instance.pk else Review()
        review.language = self.cleaned_data.get("language") or review.language
        services.check_translation_link(review, original)
        return original


class AssignForm(forms.Form):
    """Offer papers to a reviewer with a due date. `paper` is only asked for when not given."""

    paper = forms.ModelChoiceField(
        label=_("Paper"),
        queryset=Paper.objects.proposed(),
        widget=AutocompleteSelect(Assignment._meta.get_field("paper"), admin.site),
    )
    reviewer = forms.ModelChoiceField(
        label=_("Reviewer"),
        queryset=Reviewer.objects.all(),
        widget=AutocompleteSelect(Assignment._meta.get_field("reviewer"), admin.site),
        help_text=_("Type a name or a chat handle. The reviewer is told by e-mail."),
    )
    due_date = forms.DateField(label=_("Due date"), widget=AdminDateWidget)

    def __init__(self, *args, ask_paper=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not ask_paper:
            del self.fields["paper"]
        if not self.is_bound:
            self.initial.setdefault("due_date", services.default_due_date())

    def clean_due_date(self):
        due_date = self.cleaned_data["due_date"]
        if due_date < timezone.localdate():
            raise ValidationError(_("The due date cannot be in the past."))
        return due_date

    def offered_message(self, paper):
        """What the editor is told once `paper` is offered to the chosen reviewer."""
        reviewer, due_date = self.cleaned_data["reviewer"], self.cleaned_data["due_date"]
        return _("“%(title)s” is offered to %(reviewer)s, due %(date)s; they are told by e-mail.") % {
            "title": paper.title,
            "reviewer": reviewer,
            "date": date_format(due_date),
        }


class DuplicateForm(forms.Form):
    """Reject papers, optionally as duplicates of another paper (which must not be among them)."""

    duplicate_of = forms.ModelChoiceField(
        label=_("Duplicate of"),
        queryset=Paper.objects.proposed(),
        required=False,
        widget=AutocompleteSelect(Paper._meta.get_field("duplicate_of"), admin.site),
        help_text=_(
            "The paper to keep, if these duplicate it; leave empty to reject them for another reason. "
            "Their open assignments are cancelled."
        ),
    )

    def __init__(self, *args, papers, **kwargs):
        super().__init__(*args, **kwargs)
        self.papers = papers

    def clean_duplicate_of(self):
        original = self.cleaned_data["duplicate_of"]
        if original is not None and original.pk in {paper.pk for paper in self.papers}:
            raise ValidationError(_("Choose a paper that is not being rejected: the one to keep."))
        return original
