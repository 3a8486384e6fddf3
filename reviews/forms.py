"""Forms of the members' pages."""

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm
from django.utils.translation import gettext_lazy as _
from markdownx.widgets import MarkdownxWidget

from .models import Review


class SignupForm(UserCreationForm):
    email = forms.EmailField(label=_("E-mail"))
    display_name = forms.CharField(label=_("Display name"), max_length=200)

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ["email", "display_name"]

    def clean_email(self):
        email = get_user_model().objects.normalize_email(self.cleaned_data["email"]).lower()
        if get_user_model().objects.filter(username__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail exists already. Log in, or reset its password."))
        return email

    def save(self, commit=True):
        user = super().save(commit=False)
        user.username = user.email = self.cleaned_data["email"]
        if commit:
            user.save()
        return user


class ReviewForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Review
        fields = ["language", "body"]
        widgets = {"body": MarkdownxWidget(attrs={"rows": 24})}
