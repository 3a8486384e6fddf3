"""The import desk's form: the post (a file or pasted text) and what the editor sets or corrects
before importing it (series, language, period, part, status, address, strict reading)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ..importer.load import IMPORTABLE
from ..models import Series
from .issue_forms import MONTH_FORMATS, MonthInput

MAX_POST_BYTES = 2 * 1024 * 1024  # a post with its page; the preview sends the text back once more
POST_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
PASTED = "pasted text"


class PostImportForm(forms.Form):
    file = forms.FileField(
        label=_("A saved post"),
        required=False,
        help_text=_("Plain text, our Markdown export, or a saved web page (.txt, .md, .html), UTF-8."),
    )
    text = forms.CharField(
        label=_("…or the post's text"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 14, "spellcheck": "false"}),
        help_text=_("Copy the post from its page and paste it here, or paste the page's HTML."),
    )
    source = forms.CharField(required=False, widget=forms.HiddenInput, max_length=255)
    series = forms.ModelChoiceField(
        label=_("Series"),
        queryset=Series.objects.order_by("name"),
        required=False,
        empty_label=_("— found from the post's title —"),
    )
    new_series = forms.CharField(
        label=_("…or a new series"),
        required=False,
        max_length=200,
        help_text=_("The name of a series to create for this post."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        required=False,
        choices=[("", _("— detected from the text —")), *settings.CONTENT_LANGUAGES],
    )
    period_start = forms.DateField(
        label=_("First month"), required=False, input_formats=MONTH_FORMATS, widget=MonthInput
    )
    period_end = forms.DateField(label=_("Last month"), required=False, input_formats=MONTH_FORMATS, widget=MonthInput)
    part = forms.IntegerField(label=_("Part"), required=False, min_value=1, max_value=99)
    status = forms.ChoiceField(
        label=_("Import the reviews as"),
        required=False,
        choices=[("published", _("published, with the issue")), ("approved", _("approved, in a planned issue"))],
        initial="published",
    )
    url = forms.URLField(
        label=_("The post's address"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Where the post was published; a saved page usually says it."),
    )
    strict = forms.BooleanField(
        label=_("Strict: refuse the post at its first missing or unusual line"),
        required=False,
    )

    def __init__(self, *args, may_create_series=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.may_create_series = may_create_series
        if not may_create_series:
            del self.fields["new_series"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return None
        if upload.size > MAX_POST_BYTES:
            raise ValidationError(
                _("The file is larger than %(size)s MB: save the page without its comments, or paste the post."),
                params={"size": MAX_POST_BYTES // (1024 * 1024)},
            )
        if not upload.name.lower().endswith(POST_SUFFIXES):
            raise ValidationError(_("Choose a .txt, .md or .html file."))
        try:
            return upload.name, upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("The file is not UTF-8 text."))

    def clean_text(self):
        text = self.cleaned_data.get("text", "")
        if len(text.encode()) > MAX_POST_BYTES:
            raise ValidationError(
                _("The text is larger than %(size)s MB: paste the post without the page around it."),
                params={"size": MAX_POST_BYTES // (1024 * 1024)},
            )
        return text

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), data.get("text", "")
        if upload and text.strip():
            raise ValidationError(_("Give the post once: either a file or its text, not both."))
        if not upload and not text.strip() and not self.has_error("file") and not self.has_error("text"):
            raise ValidationError(_("Choose a file or paste the post's text."))
        if upload:
            data["source"], data["raw"] = upload
        else:
            data["raw"] = text
            data["source"] = data.get("source") or PASTED
        if data.get("series") and data.get("new_series", "").strip():
            raise ValidationError(_("Choose a series or name a new one, not both."))
        if (start := data.get("period_start")) and (end := data.get("period_end")) and end < start:
            self.add_error("period_end", _("The last month cannot be before the first month."))
        if data.get("period_end") and not data.get("period_start"):
            self.add_error("period_start", _("Give the first month too."))
        return data

    def import_arguments(self):
        """The keyword arguments of importer.load.import_post for what the editor chose."""
        data = self.cleaned_data
        start = data.get("period_start")
        series = data.get("series")
        return {
            "series_name": series.name if series else data.get("new_series", "").strip(),
            "language": data.get("language") or None,
            "status": data["status"] if data.get("status") in IMPORTABLE else "published",
            "period": (start, data.get("period_end") or start) if start else None,
            "part": data.get("part"),
            "url": data.get("url", ""),
            "strict": data.get("strict", False),
            "source": data["source"],
        }
