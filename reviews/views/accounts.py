"""Sign-up (open, or through an editor's invitation link) and the member's profile."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.utils import translation
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django.views import i18n as i18n_views

from .. import rules, services
from ..forms import LoginForm, OutboxPasswordResetForm, ProfileForm, SignupForm
from ..models import Invitation
from ..names import display_name
from ..throttle import limited, retry_message
from ..tokens import signup_tokens


def signup(request, token=None):
    """Sign up. Through an invitation the account is ready at once (the link was mailed to the address);
    an open sign-up answers the same whether or not the address has an account, and mails the link."""
    invitation = get_object_or_404(Invitation, token=token, accepted_at__isnull=True) if token else None
    if request.user.is_authenticated:
        messages.info(request, _("You are logged in already."))
        return redirect("my_work")
    form = SignupForm(
        request.POST or None, initial={"email": invitation.email} if invitation else {}, invited=bool(invitation)
    )
    if request.method == "POST" and invitation is None and limited(request, "signup"):
        form.is_valid()
        form.add_error(None, retry_message())
        return render(request, "registration/signup.html", {"form": form, "invitation": None}, status=429)
    if request.method == "POST" and invitation is None and form.is_valid():
        services.sign_up(form.save(), display_name=form.cleaned_data["display_name"], language=request.LANGUAGE_CODE)
        request.session["signup_email"] = form.cleaned_data["email"]
        return redirect("signup_sent")
    if request.method == "POST" and form.is_valid():
        try:
            reviewer = services.register_member(
                form.save(),
                display_name=form.cleaned_data["display_name"],
                invitation=invitation,
                language=request.LANGUAGE_CODE,
            )
        except services.WorkflowError as error:
            form.add_error(None, error.messages[0])
        else:
            login(request, reviewer.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to Digest! Propose a paper, or pick one from the open papers."))
            return redirect("my_work")
    return render(request, "registration/signup.html", {"form": form, "invitation": invitation})


def signup_sent(request):
    return render(request, "registration/signup_sent.html", {"email": request.session.get("signup_email", "")})


def signup_confirm(request, uidb64, token):
    """The link of the sign-up mail: a button confirms (a GET changes nothing: mail scanners open links)."""
    try:
        user = get_user_model().objects.get(pk=urlsafe_base64_decode(uidb64).decode())
    except (ValueError, OverflowError, get_user_model().DoesNotExist):
        user = None
    if user is None or not signup_tokens.check_token(user, token):
        return render(request, "registration/signup_confirm.html", {"valid": False}, status=404)
    if request.method == "POST":
        services.confirm_sign_up(user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to Digest! Propose a paper, or pick one from the open papers."))
        return redirect("my_work")
    return render(request, "registration/signup_confirm.html", {"valid": True, "confirming": user})


class PasswordResetView(auth_views.PasswordResetView):
    """Django's, with the link built on DIGEST_SITE_URL (never the request's Host) and sent through the outbox."""

    form_class = OutboxPasswordResetForm

    def get_extra_email_context(self):
        return {"site_url": settings.SITE_URL}

    def form_valid(self, form):
        self.extra_email_context = self.get_extra_email_context()
        return super().form_valid(form)


@login_required
def profile(request):
    reviewer = rules.reviewer_of(request.user)
    language = {"language": request.LANGUAGE_CODE}  # shown chosen until the person chooses
    if reviewer is None:
        initial = {"display_name": display_name(request.user), **language}
        form = ProfileForm(request.POST or None, initial=initial)
    else:
        form = ProfileForm(request.POST or None, instance=reviewer, initial={} if reviewer.language else language)
    if request.method == "POST" and form.is_valid():
        reviewer = reviewer or services.reviewer_for_user(request.user)
        reviewer = services.update_profile(reviewer, by=request.user, **form.cleaned_data)
        if reviewer.language:
            translation.activate(reviewer.language)
        messages.success(request, _("Your profile is saved."))
        return remember_language(redirect("profile"), reviewer.language)
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
        if reviewer and reviewer.language:  # the language chosen last time, on any device
            translation.activate(reviewer.language)
        messages.success(self.request, _("Welcome back, %(name)s.") % {"name": display_name(self.request.user)})
        return remember_language(response, reviewer.language if reviewer else "")


def remember_language(response, language):
    """Set the language cookie as Django's switcher does, when `language` is one of the site's."""
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH,
            domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE,
            httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        )
    return response


def set_language(request):
    """Django's language switcher; a logged-in member's choice is also kept on their profile (for mail)."""
    response = i18n_views.set_language(request)
    if request.method == "POST":
        services.set_interface_language(request.user, request.POST.get("language", ""))
    return response


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You are logged out. See you soon!"))
        return response
