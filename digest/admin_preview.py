"""The issue's preview and exports in the admin: the post as readers will see it, the warnings,
a download per format and copy-to-clipboard. Mixed into IssueAdmin (digest/admin.py).

Both views sit behind admin_site.admin_view (staff login, CSRF, no caching) and require the
permission to view the issue.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import content_disposition_header
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .export import html
from .export.checks import check_post
from .export.formats import FORMATS, render_post
from .export.post import compile_post


class IssuePreviewMixin:
    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "<path:object_id>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="{}_{}_preview".format(*info),
            ),
            path(
                "<path:object_id>/export/<str:fmt>/",
                self.admin_site.admin_view(self.export_view),
                name="{}_{}_export".format(*info),
            ),
            *super().get_urls(),
        ]

    def _viewable_issue(self, request, object_id):
        issue = self.get_object(request, unquote(object_id))
        if issue is None:
            raise Http404(_("No issue with this id."))
        if not self.has_view_permission(request, issue):
            raise PermissionDenied
        return issue

    def preview_view(self, request, object_id):
        issue = self._viewable_issue(request, object_id)
        post = compile_post(issue)
        export_url = f"admin:{self.opts.app_label}_{self.opts.model_name}_export"
        exports = [
            {
                "format": fmt,
                "label": _(FORMATS[fmt].label),
                "text": html.render(post) if fmt == "html" else render_post(post, fmt),
                "download_url": reverse(export_url, args=[issue.pk, fmt]),
            }
            for fmt in FORMATS
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": issue,
            "title": _("Preview and export"),
            "post": post,
            "preview": mark_safe(html.fragment(post, math="katex")),  # sanitised by the HTML export
            "warnings": check_post(post),
            "exports": exports,
        }
        return TemplateResponse(request, "admin/digest/issue/preview.html", context)

    def export_view(self, request, object_id, fmt):
        if fmt not in FORMATS:
            raise Http404(_("No such export format."))
        issue = self._viewable_issue(request, object_id)
        text = render_post(compile_post(issue), fmt, standalone=fmt == "html")
        response = HttpResponse(text, content_type=FORMATS[fmt].content_type)
        response["Content-Disposition"] = content_disposition_header(
            as_attachment=True, filename=f"{issue.slug}.{FORMATS[fmt].extension}"
        )
        return response
