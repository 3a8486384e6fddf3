"""The profile page's token section: create a personal token (shown once), revoke one."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from reviews.services import NotAllowed

from . import tokens


class TokenForm(forms.Form):
    prefix = "token"  # beside the profile form on one page
    name = forms.CharField(label=gettext_lazy("Token name"), max_length=100,
                           help_text=gettext_lazy('What it is for, e.g. "my script".'))  # fmt: skip


@never_cache
@login_required
@require_POST
def token_create(request):
    form = TokenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the token a name."))
        return redirect("profile")
    try:
        token, key = tokens.create_token(request.user, name=form.cleaned_data["name"])
    except NotAllowed as error:
        messages.error(request, error.messages[0])
        return redirect("profile")
    # Shown on this answer only: the database keeps its hash, and the page is never cached.
    return render(request, "api/token_created.html", {"token": token, "key": key})


@login_required
@require_POST
def token_revoke(request, pk):
    try:
        tokens.revoke_token(pk, by=request.user)
    except NotAllowed as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("The token is revoked: requests with it are refused from now on."))
    return redirect("profile")
