"""Sign-up (open, or through an editor's invitation link) and the member's profile."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils.translation import gettext as _

from .. import rules, services
from ..forms import LoginForm, ProfileForm, SignupForm
from ..models import Invitation


def signup(request, token=None):
    invitation = get_object_or_404(Invitation, token=token, accepted_at__isnull=True) if token else None
    if request.user.is_authenticated:
        messages.info(request, _("You are logged in already."))
        return redirect("my_work")
    form = SignupForm(request.POST or None, initial={"email": invitation.email} if invitation else {})
    if request.method == "POST" and form.is_valid():
        try:
            reviewer = services.register_member(
                form.save(), display_name=form.cleaned_data["display_name"], invitation=invitation
            )
        except services.WorkflowError as error:
            form.add_error(None, error.messages[0])
        else:
            login(request, reviewer.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to Digest! Propose a paper, or pick one from the open papers."))
            return redirect("my_work")
    return render(request, "registration/signup.html", {"form": form, "invitation": invitation})


@login_required
def profile(request):
    reviewer = rules.reviewer_of(request.user)
    if reviewer is None:
        initial = {"display_name": request.user.get_full_name() or request.user.get_username().split("@")[0]}
        form = ProfileForm(request.POST or None, initial=initial)
    else:
        form = ProfileForm(request.POST or None, instance=reviewer)
    if request.method == "POST" and form.is_valid():
        reviewer = reviewer or services.reviewer_for_user(request.user)
        services.update_profile(reviewer, by=request.user, **form.cleaned_data)
        messages.success(request, _("Your profile is saved."))
        return redirect("profile")
    return render(request, "reviews/reviewer_form.html", {"form": form, "reviewer": reviewer})


class LoginView(auth_views.LoginView):
    """Log in; then `next` if given, else where the person works: editors the desk, members My work."""

    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return resolve_url("admin:index") if rules.is_editor(self.request.user) else super().get_default_redirect_url()

    def form_valid(self, form):
        response = super().form_valid(form)
        reviewer = rules.reviewer_of(self.request.user)
        name = reviewer.display_name if reviewer else self.request.user.get_username()
        messages.success(self.request, _("Welcome back, %(name)s.") % {"name": name})
        return response


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You are logged out. See you soon!"))
        return response
