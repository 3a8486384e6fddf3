"""The import desk: bring a published post in from the admin.

Upload a file or paste the text; the desk reads it (the same importer as `manage.py import_post`)
and shows the issue it would make before anything is written: each review with its fields, the
fields the post did not give or gave with doubt highlighted, the notes, and what would be created
or reused (a dry run, rolled back). The editor corrects the series, language, period and part, and
imports; the desk lands on the new issue, whose page keeps the notes.

Mixed into IssueAdmin (digest/desk/issue_admin.py): /admin/digest/issue/import/, behind admin_site.admin_view,
for editors who may compile issues; a new series only for those who may add series.
"""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.forms import Media
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.utils.translation import ngettext

from ..importer import read_post
from ..importer.load import find_series, import_post
from ..importer.notes import as_data, note_fields, render_note
from ..importer.structure import PostImportError
from ..models import Issue, PostImport
from .import_forms import PostImportForm
from .issue_pages import COMPILE_PERMISSIONS

IMPORT_PERMISSIONS = [*COMPILE_PERMISSIONS, "reviews.add_paper", "reviews.add_review", "reviews.add_reviewer"]
PAGE_MEDIA = Media(css={"all": ["css/admin.css", "css/admin_import.css"]})
RECENT = 10
# The importer's refusals the desk says in its own words (the command's mention its flags).
REFUSALS = {
    "no_series": _lazy("Choose the series this post belongs to: its title does not name one."),
    "series_not_allowed": _lazy(
        "There is no series “%(name)s” yet, and you may not add series: choose an existing one, or ask an "
        "administrator to create it."
    ),
    "issue_exists": _lazy(
        "The series already has an issue for this period (“%(issue)s”) with other reviews: give another part or "
        "another period."
    ),
    "no_period": _lazy("The post names no period and its papers no year: give the first and the last month."),
}
FORMATS = {"text": _lazy("plain text"), "markdown": "Markdown", "html": _lazy("a web page")}


def refusal(error):
    """A PostImportError as the desk says it."""
    template = REFUSALS.get(error.code)
    return str(template % error.params) if template else str(error)


FIELDS = ("title", "authors", "affiliations", "year", "original", "links", "reviewer", "body")


def noted(notes):
    """Notes as the desk shows them: text in the reader's language, and the field each is about."""
    return [{"text": render_note(as_data(note)), "field": as_data(note)["field"]} for note in notes]


def review_rows(post, report=None):
    """Each review of the post with its fields, what the dry run would do with it, and its notes."""
    outcome = {row.number: row for row in report.reviews} if report else {}
    rows = []
    for entry in post.entries:
        notes = noted(entry.notes)
        row = outcome.get(entry.number)
        rows.append(
            {
                "entry": entry,
                "notes": notes,
                "unsure": note_fields(notes),
                "outcome": [row.paper, row.reviewer, row.review] if row else [],
                "body_excerpt": entry.body[:600],
            }
        )
    return rows


class ImportDeskMixin:
    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="digest_issue_import"),
            *super().get_urls(),
        ]

    def has_import_permission(self, request):
        return self.has_compile_permission(request) and request.user.has_perms(IMPORT_PERMISSIONS)

    def import_view(self, request):
        if not self.has_import_permission(request):
            raise PermissionDenied
        may_create_series = request.user.has_perm("digest.add_series")
        action = request.POST.get("action", "")
        form = PostImportForm(
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
            may_create_series=may_create_series,
        )
        if request.method != "POST" or action == "edit":
            if action == "edit":
                form = PostImportForm(
                    initial={key: request.POST.get(key, "") for key in ("text", "source", "series", "language")},
                    may_create_series=may_create_series,
                )
            return self._import_page(request, "start", form=form, recent=self._recent_imports())
        if not form.is_valid():
            if request.POST.get("stage") == "preview" and request.POST.get("text", "").strip():
                return self._corrections_refused(request, form)
            return self._import_page(request, "start", form=form, recent=self._recent_imports())
        if action == "import":
            return self._import(request, form)
        return self._preview(request, form)

    def _preview(self, request, form, *, failure=""):
        """Read the post and try it (a dry run): the page shows the issue before anything is written."""
        arguments = form.import_arguments()
        raw = form.cleaned_data["raw"]
        try:
            post = read_post(raw, language=arguments["language"], strict=arguments["strict"])
        except PostImportError as error:
            form.add_error(None, _("This cannot be imported: %(error)s") % {"error": error})
            return self._import_page(request, "start", form=form, recent=self._recent_imports())
        report, blocker = None, ""
        try:
            report = import_post(raw, dry_run=True, **self._who(request), **arguments)
        except PostImportError as error:
            blocker = refusal(error)
        else:
            post = report.post
        initial = self._corrections(form, post, report)
        corrections = PostImportForm(
            initial={**initial, "text": raw, "source": arguments["source"]},
            may_create_series=form.may_create_series,
        )
        return self._import_page(
            request,
            "preview",
            form=corrections,
            post=post,
            report=report,
            blocker=blocker,
            error=failure,
            post_notes=noted(report.notes if report else post.notes),
            rows=review_rows(post, report),
            noted_count=sum(1 for entry in post.entries if entry.notes),
        )

    def _corrections_refused(self, request, form):
        """The preview again, the text as read, the corrections form with its errors (nothing is tried)."""
        try:
            post = read_post(request.POST["text"], language=form.cleaned_data.get("language") or None)
        except PostImportError:
            return self._import_page(request, "start", form=form, recent=self._recent_imports())
        return self._import_page(
            request,
            "preview",
            form=form,
            post=post,
            report=None,
            blocker=_("Correct the fields marked below, then read it again."),
            error="",
            post_notes=noted(post.notes),
            rows=review_rows(post),
            noted_count=sum(1 for entry in post.entries if entry.notes),
        )

    @staticmethod
    def _corrections(form, post, report):
        """What the corrections form starts with: what the editor chose, else what the post says."""
        data = form.cleaned_data
        issue = report.issue if report else None
        series = data.get("series") or (issue.series if issue else find_series(data.get("new_series", "")))
        return {
            "series": series.pk if series and series.pk else None,
            "new_series": "" if series and series.pk else data.get("new_series", ""),
            "language": data.get("language") or post.language,
            "period_start": data.get("period_start") or (issue.period_start if issue else post.period_start),
            "period_end": data.get("period_end") or (issue.period_end if issue else post.period_end),
            "part": data.get("part") or post.part,
            "status": data.get("status") or "published",
            "url": data.get("url") or post.url,
            "strict": data.get("strict", False),
        }

    def _import(self, request, form):
        arguments = form.import_arguments()
        try:
            report = import_post(form.cleaned_data["raw"], **self._who(request), **arguments)
        except PostImportError as error:
            return self._preview(
                request, form, failure=_("Nothing was imported: %(error)s") % {"error": refusal(error)}
            )
        issue = report.issue
        self.log_addition(request, issue, f"Imported from {arguments['source']}: {report.summary()}")
        count = len(report.reviews)
        noted_count = sum(1 for row in report.reviews if row.notes)
        text = ngettext(
            "Imported “%(issue)s” with %(count)d review.",
            "Imported “%(issue)s” with %(count)d reviews.",
            count,
        ) % {"issue": issue, "count": count}
        if noted_count:
            text += " " + ngettext(
                "%(count)d of them has notes on what the post did not say: see below.",
                "%(count)d of them have notes on what the post did not say: see below.",
                noted_count,
            ) % {"count": noted_count}
        self.message_user(request, text, messages.SUCCESS)
        return redirect("admin:digest_issue_workspace", issue.pk)

    @staticmethod
    def _who(request):
        return {"by": request.user, "may_create_series": request.user.has_perm("digest.add_series")}

    @staticmethod
    def _recent_imports():
        return list(
            PostImport.objects.select_related("issue__series", "imported_by__reviewer").order_by("-imported_at")[
                :RECENT
            ]
        )

    def _import_page(self, request, template, **context):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "media": PAGE_MEDIA,
            "title": _("Import a published post"),
            "fields": FIELDS,
            "format_label": FORMATS.get(getattr(context.get("post"), "source_format", ""), ""),
            "language_label": dict(settings.CONTENT_LANGUAGES).get(getattr(context.get("post"), "language", ""), ""),
            **context,
        }
        return TemplateResponse(request, f"admin/digest/import/{template}.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        issue = Issue.objects.filter(pk=object_id).first() if str(object_id).isdigit() else None
        if issue is not None:
            extra_context = {**(extra_context or {}), **import_notes_context(issue)}
        return super().change_view(request, object_id, form_url, extra_context)


def import_notes_context(issue):
    """The import record of `issue` and its entries' notes, for the issue's pages; {} when not imported.
    The record is read here unless the issue was read with it (select_related("post_import__imported_by"))."""
    if Issue.post_import.is_cached(issue):
        record = Issue.post_import.related.get_cached_value(issue)
    else:
        record = PostImport.objects.filter(issue=issue).select_related("imported_by").first()
    if record is None:
        return {}
    entries = issue.entries.select_related("review__paper").only(
        "position", "import_notes", "review__paper__title", "review__id"
    )
    return {
        "import_record": record,
        "import_post_notes": [render_note(note) for note in record.notes],
        "import_entries": [
            (position, entry, [render_note(note) for note in entry.import_notes])
            for position, entry in enumerate(entries.order_by("position", "id"), start=1)
            if entry.import_notes
        ],
    }
