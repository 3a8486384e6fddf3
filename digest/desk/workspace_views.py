"""The issue workspace: one page per issue where an editor orders the entries, adds approved
reviews, watches the capacity, previews the post as readers will see it, exports and publishes.

Mixed into IssueAdmin (digest/desk/issue_admin.py). Every view sits behind admin_site.admin_view (staff
login, CSRF, no caching). Looking needs the permission to view the issue; changing it is for
editors (IssuePagesMixin.has_compile_permission), and what the issue's state allows is for
digest.services to say. The page's script (static/js/workspace.js) saves each move, addition and
removal at once with a JSON POST and puts the returned regions of the page in place; without
JavaScript the forms post the same views and come back to the page.
"""

import json
from functools import lru_cache

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import get_script_prefix, get_urlconf, path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from reviews.desk.review_admin import safe_url
from reviews.models import Review

from .. import services
from ..archive.selectors import issue_intro_outro
from ..export.addresses import site_address
from ..export.bundle import issue_bundle
from ..export.formats import FORMATS, render_post
from ..export.post import compile_post
from .imports import import_notes_context
from .issue_forms import PublishForm
from .preview import preview_context, preview_headers
from .workspace import workspace_for, workspace_issue

REGIONS = ("entries", "pool", "capacity", "exports", "publish")
JSON_LIMIT = 64 * 1024
STALE_ORDER = gettext_lazy(
    "Someone added or removed reviews of this issue meanwhile: the entries are shown as they are now."
)


PAGES = ("workspace", "workspace_preview", "workspace_pool", "workspace_order", "workspace_add", "workspace_remove",
         "publish", "change", "split", "translate")  # fmt: skip


def issue_urls(pk):
    """The addresses the workspace of issue `pk` links to (a new dict each time)."""
    return dict(_issue_urls(pk, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF))


@lru_cache(maxsize=1024)
def _issue_urls(pk, script_prefix, urlconf):
    """Fifteen reverse() calls (~0.3 ms) once per issue and URL configuration, not per look."""
    urls = {name: reverse(f"admin:digest_issue_{name}", args=[pk]) for name in PAGES}
    urls["downloads"] = [
        (fmt, FORMATS[fmt].label, reverse("admin:digest_issue_export", args=[pk, fmt])) for fmt in FORMATS
    ]
    urls["bundle"] = reverse("admin:digest_issue_export", args=[pk, "zip"])
    return tuple(urls.items())


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def posted_ids(request, name):
    """The ids posted as JSON ({name: [ids]}) or as a form (name=id&name=id), as ints."""
    if request.content_type == "application/json":
        if len(request.body) > JSON_LIMIT:
            raise ValidationError(_("Too much at once."))
        try:
            values = json.loads(request.body or b"{}").get(name, [])
        except (ValueError, AttributeError) as error:
            raise ValidationError(_("The request could not be read; reload the page.")) from error
    else:
        values = request.POST.getlist(name)
    try:
        return [int(value) for value in values]
    except (TypeError, ValueError) as error:
        raise ValidationError(_("The request could not be read; reload the page.")) from error


class IssueWorkspaceMixin:
    def get_urls(self):
        routes = [
            ("workspace/", self.workspace_view, "workspace"),
            ("workspace/preview/", self.workspace_preview_view, "workspace_preview"),
            ("workspace/pool/", self.workspace_pool_view, "workspace_pool"),
            ("workspace/order/", self.workspace_order_view, "workspace_order"),
            ("workspace/add/", self.workspace_add_view, "workspace_add"),
            ("workspace/remove/", self.workspace_remove_view, "workspace_remove"),
            ("publish/", self.workspace_publish_view, "publish"),
            ("preview/", self.preview_moved_view, "preview"),
            ("export/<str:fmt>/", self.export_view, "export"),
        ]
        return [
            *(
                path(f"<path:object_id>/{route}", self.admin_site.admin_view(view), name=f"digest_issue_{name}")
                for route, view, name in routes
            ),
            *super().get_urls(),
        ]

    # --- who may look, who may change ------------------------------------------------------------

    def _workspace_issue(self, request, object_id, *, change=False):
        issue = workspace_issue(unquote(object_id)) if str(unquote(object_id)).isdigit() else None
        if issue is None:
            raise Http404(_("No issue with this id."))
        if not self.has_view_permission(request, issue):
            raise PermissionDenied
        if change and not self.has_compile_permission(request):
            raise PermissionDenied
        return issue

    # --- the page ---------------------------------------------------------------------------------

    def workspace_context(self, request, issue, *, pool_only=False, **extra):
        term = request.GET.get("q", "")
        space = workspace_for(
            issue, site_url=site_address(request), term=term, page=request.GET.get("p"), pool_only=pool_only
        )
        may_change = self.has_compile_permission(request) and not issue.is_published
        urls = issue_urls(issue.pk)
        published_on = (
            date_format(timezone.localtime(issue.published_at), "DATETIME_FORMAT") if issue.published_at else ""
        )
        return {
            "space": space,
            "issue": issue,
            "may_change": may_change,
            "may_compile": self.has_compile_permission(request),
            "urls": urls,
            "published_on": published_on,
            "public_url": safe_url(issue.published_url),
            "publish_form": extra.pop("publish_form", None)
            or PublishForm(initial={"expected": space.fingerprint}, auto_id="publish-%s"),
            **extra,
        }

    def workspace_view(self, request, object_id):
        issue = self._workspace_issue(request, object_id)
        return self._render_workspace(request, issue)

    def _render_workspace(self, request, issue, status=200, **extra):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": issue,
            "title": str(issue),
            **self.workspace_context(request, issue, **extra),
            **import_notes_context(issue),
        }
        return TemplateResponse(request, "admin/digest/workspace/workspace.html", context, status=status)

    def _regions(self, request, issue, *, ok, message="", errors=()):
        """The JSON answer of a change: what happened and the page's regions as they are now."""
        context = {**self.workspace_context(request, issue), "request": request}
        regions = {
            name: render_to_string(f"admin/digest/workspace/_{name}.html", context, request=request) for name in REGIONS
        }
        return JsonResponse(
            {"ok": ok, "message": message, "errors": list(errors), "regions": regions},
            status=200 if ok else 409,
        )

    def _answer(self, request, issue, *, ok, message="", errors=()):
        if wants_json(request):
            return self._regions(request, issue, ok=ok, message=message, errors=errors)
        for text in [message] if ok else errors:
            self.message_user(request, text, messages.SUCCESS if ok else messages.ERROR)
        return redirect("admin:digest_issue_workspace", issue.pk)

    # --- the preview, as readers will see it --------------------------------------------------------

    def workspace_preview_view(self, request, object_id):
        issue = self._workspace_issue(request, object_id)
        intro_html, outro_html = issue_intro_outro(issue)
        response = TemplateResponse(
            request,
            "admin/digest/workspace/preview.html",
            preview_context(request, issue, intro_html=intro_html, outro_html=outro_html),
        )
        return preview_headers(response)

    def preview_moved_view(self, request, object_id):
        """The old "Preview and export" page: the workspace shows both now."""
        issue = self._workspace_issue(request, object_id)
        return redirect(reverse("admin:digest_issue_workspace", args=[issue.pk]) + "#preview")

    # --- the pool: search without leaving the page ------------------------------------------------

    def workspace_pool_view(self, request, object_id):
        issue = self._workspace_issue(request, object_id)
        context = self.workspace_context(request, issue, pool_only=True)
        return HttpResponse(render_to_string("admin/digest/workspace/_pool.html", context, request=request))

    # --- changes, each saved at once -----------------------------------------------------------------

    def workspace_order_view(self, request, object_id):
        return require_POST(self._order)(request, object_id)

    def _order(self, request, object_id):
        issue = self._workspace_issue(request, object_id, change=True)
        try:
            reviews = posted_ids(request, "reviews")
            entry_of = dict(issue.entries.values_list("review_id", "pk"))
            if sorted(reviews) != sorted(entry_of):
                raise ValidationError(STALE_ORDER)
            services.reorder_entries(issue, [entry_of[pk] for pk in reviews], by=request.user)
        except ValidationError as error:
            return self._answer(request, issue, ok=False, errors=error.messages)
        self.log_change(request, issue, "Ordered the entries in the workspace.")
        return self._answer(request, issue, ok=True, message=_("The new order is saved."))

    def workspace_add_view(self, request, object_id):
        return require_POST(self._add)(request, object_id)

    def _add(self, request, object_id):
        issue = self._workspace_issue(request, object_id, change=True)
        try:
            ids = posted_ids(request, "reviews")
            if not ids:
                raise ValidationError(_("Tick the reviews to add."))
            found = Review.objects.without_texts().in_bulk(ids)
            if len(found) != len(set(ids)):
                raise ValidationError(_("Some of these reviews do not exist any more; reload the page."))
            services.add_reviews_to_issue(issue, [found[pk] for pk in dict.fromkeys(ids)], by=request.user)
        except ValidationError as error:
            return self._answer(request, issue, ok=False, errors=error.messages)
        count = len(set(ids))
        self.log_change(request, issue, f"Added {count} reviews in the workspace.")
        text = ngettext("%(count)d review added.", "%(count)d reviews added.", count) % {"count": count}
        return self._answer(request, issue, ok=True, message=text)

    def workspace_remove_view(self, request, object_id):
        return require_POST(self._remove)(request, object_id)

    def _remove(self, request, object_id):
        issue = self._workspace_issue(request, object_id, change=True)
        try:
            reviews = posted_ids(request, "reviews")
            entries = list(issue.entries.filter(review_id__in=reviews).values_list("pk", flat=True))
            if not reviews or len(entries) != len(set(reviews)):
                raise ValidationError(_("Some of these entries are not in this issue (any more)."))
            services.remove_entries(issue, entries, by=request.user)
        except ValidationError as error:
            return self._answer(request, issue, ok=False, errors=error.messages)
        count = len(entries)
        self.log_change(request, issue, f"Removed {count} entries in the workspace.")
        text = ngettext(
            "%(count)d entry removed; its review is back in the pool.",
            "%(count)d entries removed; their reviews are back in the pool.",
            count,
        ) % {"count": count}
        return self._answer(request, issue, ok=True, message=text)

    # --- publish ----------------------------------------------------------------------------------

    def workspace_publish_view(self, request, object_id):
        issue = self._workspace_issue(request, object_id)
        if request.method != "POST":
            return redirect(reverse("admin:digest_issue_workspace", args=[issue.pk]) + "#publish")
        if not self.has_compile_permission(request):
            raise PermissionDenied
        if issue.is_published:
            self.message_user(request, _("This issue is already published."), messages.WARNING)
            return redirect("admin:digest_issue_workspace", issue.pk)
        form = PublishForm(request.POST, auto_id="publish-%s")
        confirm = None
        if form.is_valid():
            count = issue.entries.count()
            missing = issue.series.target_min_entries - count
            if missing > 0 and not request.POST.get("confirm_short"):
                confirm = {"count": count, "missing": missing}
            else:
                try:
                    services.publish_exported_issue(
                        issue,
                        by=request.user,
                        url=form.cleaned_data["url"],
                        expected=form.cleaned_data["expected"],
                        site_url=site_address(request),
                    )
                except ValidationError as error:
                    form.add_error(None, error.messages)
                else:
                    issue.refresh_from_db()
                    self.log_change(request, issue, f"Published at {issue.published_url}.")
                    text = format_html(
                        _("Published: {} is at {}, and its {} reviews are published."),
                        issue,
                        format_html('<a href="{}">{}</a>', issue.published_url, issue.published_url),
                        count,
                    )
                    self.message_user(request, text, messages.SUCCESS)
                    return redirect("admin:digest_issue_workspace", issue.pk)
        return self._render_workspace(
            request, issue, status=200 if confirm else 400, publish_form=form, publish_confirm=confirm
        )

    # --- downloads --------------------------------------------------------------------------------

    def export_view(self, request, object_id, fmt):
        if fmt not in FORMATS and fmt != "zip":
            raise Http404(_("No such export format."))
        issue = self._workspace_issue(request, object_id)
        post = compile_post(issue, site_url=site_address(request))
        if fmt == "zip":
            response = HttpResponse(issue_bundle(post), content_type="application/zip")
            filename = f"{issue.slug}.zip"
        else:
            response = HttpResponse(render_post(post, fmt, standalone=fmt == "html"), FORMATS[fmt].content_type)
            filename = f"{issue.slug}.{FORMATS[fmt].extension}"
        response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
        return response
