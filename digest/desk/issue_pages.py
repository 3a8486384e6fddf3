"""The issue's own pages in the admin, each opened from the issue workspace (digest/desk/):
split into parts, compile in another language; and adding approved reviews without JavaScript
(the workspace's pool form posts here; opened by its address, the page is the workspace's pool).

Mixed into IssueAdmin (digest/desk/issue_admin.py). Every page sits behind admin_site.admin_view (staff login,
CSRF, no caching) and is for editors only (reviews.rules.is_editor and the issue permissions);
what the issue's state allows is for digest.services to say, and a refusal lists its reasons.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.forms import Media
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reviews import rules
from reviews.models import Review

from .. import services
from .capacity import Capacity
from .issue_forms import AddReviewsForm, SplitForm, TranslateForm
from .workspace import review_pool

COMPILE_PERMISSIONS = [
    "digest.add_issue",
    "digest.change_issue",
    "digest.add_issueentry",
    "digest.change_issueentry",
    "digest.delete_issueentry",
]
POOL_PAGE = 50
PAGE_MEDIA = Media(js=["js/workspace.js"])  # css/admin.css comes with every desk page (admin/base_site.html)


def versions_of(entries):
    """{review id: [other language versions of it]}: the original and its translations. One query."""
    root_of = {entry.review_id: entry.review.translation_of_id or entry.review_id for entry in entries}
    roots = set(root_of.values())
    versions = (
        Review.objects.filter(Q(pk__in=roots) | Q(translation_of_id__in=roots))
        .only("pk", "language", "status", "translation_of_id")
        .order_by("language", "pk")
    )
    by_root = {}
    for version in versions:
        by_root.setdefault(version.translation_of_id or version.pk, []).append(version)
    return {
        review_id: [version for version in by_root.get(root, []) if version.pk != review_id]
        for review_id, root in root_of.items()
    }


def as_messages(error):
    return error.messages if isinstance(error, ValidationError) else [str(error)]


class IssuePagesMixin:
    def get_urls(self):
        pages = [
            ("add-reviews/", self.add_reviews_view, "add_reviews"),
            ("split/", self.split_view, "split"),
            ("translate/", self.translate_view, "translate"),
        ]
        return [
            *(
                path(f"<path:object_id>/{route}", self.admin_site.admin_view(view), name=f"digest_issue_{name}")
                for route, view, name in pages
            ),
            *super().get_urls(),
        ]

    def has_compile_permission(self, request):
        """Editors compile issues: add reviews, split, translate, publish."""
        return rules.is_editor(request.user) and request.user.has_perms(COMPILE_PERMISSIONS)

    def _compilable_issue(self, request, object_id):
        issue = self.get_object(request, unquote(object_id))
        if issue is None:
            raise Http404(_("No issue with this id."))
        if not self.has_compile_permission(request):
            raise PermissionDenied
        return issue

    def _render(self, request, issue, template, title, **context):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": issue,
            "media": PAGE_MEDIA,
            "title": title,
            "capacity": Capacity.of(issue),
            "change_url": reverse("admin:digest_issue_workspace", args=[issue.pk]),
            **context,
        }
        return TemplateResponse(request, f"admin/digest/issue/{template}.html", context)

    def _done(self, request, issue, message, log):
        self.log_change(request, issue, log)
        self.message_user(request, message, messages.SUCCESS)
        return redirect("admin:digest_issue_workspace", issue.pk)

    # --- add approved reviews -------------------------------------------------------------------

    def add_reviews_view(self, request, object_id):
        issue = self._compilable_issue(request, object_id)
        if request.method != "POST":  # the pool is part of the issue workspace
            return redirect(reverse("admin:digest_issue_workspace", args=[issue.pk]) + "#pool")
        term = request.GET.get("q", "")
        form = AddReviewsForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid() and not issue.is_published:
            reviews = list(form.cleaned_data["reviews"].select_related("paper").order_by("decided_at", "pk"))
            try:
                services.add_reviews_to_issue(issue, reviews, by=request.user)
            except ValidationError as error:
                form.add_error(None, as_messages(error))
            else:
                count = len(reviews)
                text = ngettext("%(count)d review added.", "%(count)d reviews added.", count) % {"count": count}
                return self._done(request, issue, text, f"Added {count} reviews.")
        page = Paginator(review_pool(issue, term), POOL_PAGE).get_page(request.GET.get("p"))
        return self._render(
            request,
            issue,
            "add_reviews",
            _("Add approved reviews to %(issue)s") % {"issue": issue},
            form=form,
            page=page,
            term=term,
            checked={str(pk) for pk in (form["reviews"].value() or [])},
            language=issue.series.get_language_display(),
            review_list_url=reverse("admin:reviews_review_changelist"),
        )

    # --- split into parts -----------------------------------------------------------------------

    def split_view(self, request, object_id):
        issue = self._compilable_issue(request, object_id)
        default = issue.series.target_max_entries
        data = request.POST if request.method == "POST" else {"size": request.GET.get("size") or default}
        form = SplitForm(data)
        size = form.cleaned_data["size"] if form.is_valid() else default
        if request.method == "POST" and form.is_valid() and not issue.is_published:
            try:
                parts = services.split_issue(issue, by=request.user, size=size, expected=form.expected_entries())
            except ValidationError as error:
                form.add_error(None, as_messages(error))
            else:
                links = format_html_join(
                    ", ",
                    '<a href="{}">{}</a>',
                    ((reverse("admin:digest_issue_workspace", args=[p.pk]), p) for p in parts[1:]),
                )
                text = format_html(_("The issue is split into {} parts; the new ones: {}."), len(parts), links)
                return self._done(request, parts[0], text, f"Split into {len(parts)} parts.")
        groups = services.split_plan(issue, size)
        return self._render(
            request,
            issue,
            "split",
            _("Split %(issue)s into parts") % {"issue": issue},
            form=form,
            size=size,
            groups=groups,
            expected=",".join(str(entry.pk) for group in groups for entry in group),
        )

    # --- compile in another language ------------------------------------------------------------

    def translate_view(self, request, object_id):
        issue = self._compilable_issue(request, object_id)
        form = TranslateForm(request.POST if request.method == "POST" else None, issue=issue)
        if form.is_bound and form.is_valid():
            try:
                result = services.compile_translation(issue, series=form.cleaned_data["series"], by=request.user)
            except ValidationError as error:
                form.add_error(None, as_messages(error))
            else:
                self.log_addition(request, result.issue, f"Compiled as a translation of {issue.slug}.")
                count = result.issue.entries.count()
                text = ngettext(
                    "%(issue)s is compiled with %(count)d translated review.",
                    "%(issue)s is compiled with %(count)d translated reviews.",
                    count,
                )
                self.message_user(request, text % {"issue": result.issue, "count": count}, messages.SUCCESS)
                for problem in result.missing:
                    self.message_user(request, _("Left out: %(problem)s") % {"problem": problem}, messages.WARNING)
                return redirect("admin:digest_issue_workspace", result.issue.pk)
        entries = list(issue.entries.select_related("review__paper").order_by("position", "id"))
        versions = versions_of(entries)
        return self._render(
            request,
            issue,
            "translate",
            _("Compile %(issue)s in another language") % {"issue": issue},
            form=form,
            rows=[(entry, versions[entry.review_id]) for entry in entries],
            series_add_url=reverse("admin:digest_series_add"),
        )
