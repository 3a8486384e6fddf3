"""Forms of the members' pages. They validate; services write."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, UserCreationForm
from django.template import loader
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from markdownx.widgets import MarkdownxWidget

from .enums import LinkKind
from .markdown import check_body_size
from .models import PaperLink, Reviewer, Topic, parse_arxiv_id, web_url
from .validators import one_line


class LoginForm(AuthenticationForm):
    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = _("E-mail or username")
        self.fields["username"].widget.attrs["autocomplete"] = "username"


class SignupForm(UserCreationForm):
    email = forms.EmailField(label=_("E-mail"), widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=200,
        validators=[one_line],
        help_text=_("Shown under your reviews, e.g. “Ann Smith”."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["email", "display_name"]

    def __init__(self, *args, invited=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.invited = invited

    def clean_email(self):
        """Only an invitation (a link mailed to this address) may say that the address has an account."""
        email = get_user_model().objects.normalize_email(self.cleaned_data["email"]).lower()
        if self.invited and get_user_model().objects.filter(username__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail exists already. Log in, or reset its password."))
        return email

    def validate_password_for_user(self, user, **kwargs):
        """What is wrong with the password is said under the password, not under its confirmation."""
        super().validate_password_for_user(user, password_field_name="password1")

    def save(self, commit=True):
        """The account, not yet saved: services.register_member saves it with its reviewer profile."""
        user = super().save(commit=False)
        user.username = user.email = self.cleaned_data["email"]
        return user


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Reviewer
        fields = ["display_name", "chat_handle", "blog_handle", "bio", "language"]
        help_texts = {
            "display_name": _("Shown under your reviews and in the post."),
            "chat_handle": _("Your name in the community chat, e.g. error_derivative."),
            "blog_handle": _("Your name on the blog platform where the digest is published."),
            "bio": _("A sentence or two about you, shown on your public page."),
        }
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}


class PaperForm(forms.Form):
    """Propose a paper: fetched from arXiv or typed by hand."""

    arxiv = forms.CharField(
        label=_("arXiv id or URL"),
        required=False,
        max_length=200,
        help_text=_("Paste e.g. 1706.03762 or https://arxiv.org/abs/1706.03762 and press “Fetch from arXiv”."),
    )
    title = forms.CharField(label=_("Title"), max_length=500, validators=[one_line])
    authors = forms.CharField(
        label=_("Paper authors"), required=False, help_text=_("As written, comma-separated."), max_length=5000,
        validators=[one_line],
    )  # fmt: skip
    affiliations = forms.CharField(
        label=_("Affiliations"), required=False, max_length=500, help_text=_("e.g. “Google Research, Stanford”."),
        validators=[one_line],
    )  # fmt: skip
    year = forms.IntegerField(label=_("Year"), required=False, min_value=1900, max_value=2100)
    original_url = forms.URLField(
        label=_("Original article URL"), required=False, max_length=500, assume_scheme="https", validators=[web_url]
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"), queryset=Topic.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    confirm_duplicate = forms.BooleanField(
        label=_("It is a different paper: propose it anyway"), required=False, widget=forms.HiddenInput
    )

    def clean_arxiv(self):
        text = self.cleaned_data["arxiv"].strip()
        if text and not parse_arxiv_id(text):
            raise forms.ValidationError(_("This is not an arXiv id or URL; leave the field empty if there is none."))
        return parse_arxiv_id(text)


class PaperLinkForm(forms.ModelForm):
    class Meta:
        model = PaperLink
        fields = ["kind", "label", "url"]
        labels = {"kind": _("Kind"), "label": _("Label")}
        help_texts = {"label": _("As shown in the post, e.g. “GitHub project”.")}

    url = forms.URLField(label=_("URL"), required=False, max_length=500, assume_scheme="https", validators=[web_url])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].initial = LinkKind.CODE

    def has_changed(self):
        """An untouched row (only the default kind) is not a link."""
        return bool(self.data.get(self.add_prefix("url")) or self.data.get(self.add_prefix("label")))

    def clean(self):
        data = super().clean()
        if data.get("label") and not data.get("url"):
            self.add_error("url", _("Give the link's address, or clear its label."))
        return data


PaperLinkFormSet = forms.formset_factory(PaperLinkForm, extra=1, max_num=20, absolute_max=40)


class ClaimForm(forms.Form):
    due_date = forms.DateField(
        label=_("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Editors only; empty means two weeks from today."),
    )


def keyboard_hint(name):
    """How to leave a markdown editor by keyboard (Tab indents there): the textarea's description."""
    return format_html(
        '<span id="{}-keys" data-markdown-keys hidden>{}</span>',
        name,
        _("Tab indents the text; press Esc, then Tab, to move on."),
    )


class ReviewEditorWidget(MarkdownxWidget):
    """markdownx's source and live preview. The preview scrolls, so it is a named region the
    keyboard can reach (tabindex), as the desk's is."""

    template_name = "django/forms/widgets/textarea.html"

    class Media:
        js = ["js/markdown_keyboard.js"]

    def render(self, name, value, attrs=None, renderer=None):
        return format_html(
            '<div class="markdownx">{}{}<div class="markdownx-preview" role="region" tabindex="0" aria-label="{}">'
            "</div></div>",
            super().render(name, value, attrs, renderer),
            keyboard_hint(name),
            _("Rendered review"),
        )


class ReviewForm(forms.Form):
    """The review editor. Not a ModelForm: the stored review is never touched until a service saves."""

    language = forms.ChoiceField(label=_("Language of the review"), choices=settings.CONTENT_LANGUAGES)
    body = forms.CharField(
        label=_("Review"),
        required=False,
        strip=False,
        help_text=_(
            "Markdown: **bold**, *italic*, [link](https://…), tables, code, formulas with $…$ and $$…$$. "
            "Drop or paste an image into the text to upload it."
        ),
        widget=ReviewEditorWidget(attrs={"rows": 22, "spellcheck": "true"}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    @classmethod
    def for_review(cls, review, data=None):
        return cls(data, initial={"language": review.language, "body": review.body, "version": review.version})

    def clean_body(self):
        """Browsers send CRLF line breaks from a textarea; store plain LF as typed. Within the size limit."""
        body = self.cleaned_data["body"].replace("\r\n", "\n")
        check_body_size(body)
        return body


class OutboxPasswordResetForm(PasswordResetForm):
    """The reset mail goes through the outbox (a worker sends it, with retries), like every other mail."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None):  # fmt: skip
        from . import notifications

        with translation.override(notifications.language_of(context.get("user"))):  # the reader's language
            subject = loader.render_to_string(subject_template_name, context)
            body = loader.render_to_string(email_template_name, context)
        notifications.password_reset(subject, body, to_email)
