"""Every page each role reaches passes axe-core: no critical and no serious violation, at 1280 px,
at 390 px and in Russian. Moderate ones are printed (run with -s to read them).

The content is the demo's (`seed_demo`: three imported posts, a member's reviews in every state,
an overdue assignment, a planned issue), so the pages carry real bodies, formulas and tables. The
editors' desk is enumerated from the admin site's registry: every changelist, add, change and
history page, and every page a model admin adds, of every model the editor may view; a model
registered later is checked without touching this file.
"""

import io

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from digest.chat.models import ChatChannel, ChatEvent
from digest.models import Issue, IssueEntry
from reviews.enums import ReviewStatus
from reviews.models import Invitation, Paper, Review
from tests.browser.axe import VIEWS, Audit, prepare
from tests.factories import ReviewFactory

PASSWORD = "correct horse battery staple"
EDITOR, MEMBER = "editor@example.org", "reviewer@example.org"

views = pytest.mark.parametrize(("width", "language"), VIEWS, ids=[f"{w}px-{lang}" for w, lang in VIEWS])

# Pages a model admin adds that take more than the object's id, and what to give them.
EXTRA_ARGUMENTS = {
    "to": [ReviewStatus.APPROVED, ReviewStatus.CHANGES_REQUESTED, ReviewStatus.REJECTED],
}
NOT_PAGES = {"fmt"}  # exports are downloads, not pages


@pytest.fixture
def demo():
    """The demo content, known passwords, a planned issue with an entry and an invitation."""
    call_command("seed_demo", stdout=io.StringIO())
    User = get_user_model()
    for user in User.objects.filter(username__in=[EDITOR, MEMBER]):
        user.set_password(PASSWORD)
        user.save()
    editor = User.objects.get(username=EDITOR)
    planned = Issue.objects.planned().order_by("pk").first()
    pooled = Review.objects.filter(status=ReviewStatus.APPROVED, issue_entry__isnull=True).first()
    if pooled is not None:
        IssueEntry.objects.create(issue=planned, review=pooled, position=1)
    Invitation.objects.create(email="newcomer@example.org", invited_by=editor)
    channel = ChatChannel(series=planned.series, name="#papers", events=[ChatEvent.ISSUE_PUBLISHED])
    channel.set_secret("https://chat.example.org/hooks/secret")
    channel.save()
    return {"editor": editor, "planned": planned}


def log_in(page, base_url, username):
    page.goto(f"{base_url}/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("#main form button[type=submit]").click()
    page.wait_for_load_state()


def failure(audit):
    blocking = audit.report()
    return f"{len(blocking)} critical/serious violations on {len(audit.visited)} pages:\n" + "\n".join(blocking)


@views
def test_reader_pages_pass_axe(page, live_server, demo, width, language):
    issue = Issue.objects.published().select_related("series").first()
    review = Review.objects.filter(status=ReviewStatus.PUBLISHED).select_related("reviewer").first()
    prepare(page, live_server, width=width, language=language)
    audit = Audit(page, live_server.url)
    for path in [
        "/",
        issue.get_absolute_url(),
        "/reviews/",
        "/reviews/?q=attention",
        review.get_absolute_url(),
        review.reviewer.get_absolute_url(),
        issue.series.get_absolute_url(),
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password_reset/",
    ]:
        audit.visit(path)
    page.locator("#main form button[type=submit]").click()  # sign up with nothing filled in: the errors
    audit.visit("/accounts/signup/")
    page.locator("#main form button[type=submit]").click()
    page.wait_for_load_state()
    audit.check("/accounts/signup/ with errors")
    assert audit.report() == [], failure(audit)


@views
def test_member_pages_pass_axe(page, live_server, demo, width, language):
    member_reviews = Review.objects.filter(reviewer__user__username=MEMBER)
    draft = member_reviews.filter(status=ReviewStatus.CHANGES_REQUESTED).first() or member_reviews.first()
    paper = Paper.objects.order_by("pk").first()
    prepare(page, live_server, width=width, language=language)
    log_in(page, live_server.url, MEMBER)
    audit = Audit(page, live_server.url)
    for path in [
        "/papers/",
        reverse("paper_detail", args=[paper.pk]),
        "/papers/propose/",
        "/me/",
        reverse("my_review", args=[draft.pk]),
        "/me/profile/",
        "/accounts/password_change/",
    ]:
        audit.visit(path)

    audit.visit(reverse("review_edit", args=[draft.pk]))
    page.locator("textarea[name=body]").fill(long_body())
    page.wait_for_selector(".markdownx-preview .katex")  # the live preview, typeset
    audit.check("the review editor with its preview")

    audit.visit("/papers/propose/")
    page.locator("#main form button[type=submit]").last.click()  # nothing filled in: the errors
    page.wait_for_load_state()
    audit.check("/papers/propose/ with errors")
    assert audit.report() == [], failure(audit)


def long_body():
    """A body long enough for the preview to scroll, with a formula, a table and code."""
    paragraph = "The method is simple and the results hold across the benchmarks. " * 6
    table = "| Model | Top-1 |\n|---|---:|\n| Baseline | 76.3 |\n| Ours | 77.1 |"
    return "\n\n".join([f"Energy $E = mc^2$ holds. {paragraph}", table, "```\nprint('hi')\n```", *[paragraph] * 12])


def as_request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def desk_pages(user, samples, *, skip=(), need_samples=True):
    """Every desk page `user` may open: the dashboard, and per registered model every page its admin
    has (but those of the admins in `skip`)."""
    request = as_request(user)
    pages = [reverse("admin:index")]
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_view_permission(request) or model_admin in skip:
            continue
        sample = samples.get(model) or model_admin.get_queryset(request).order_by("pk").last()
        if sample is None and not need_samples:
            pages += [reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")]
            continue
        assert sample is not None, f"No {model._meta.label} to check: add one to the `demo` fixture."
        for pattern in model_admin.urls:
            if pattern.name and pattern.name.endswith("_add") and not model_admin.has_add_permission(request):
                continue
            pages += urls_of(pattern, sample)
    return pages


def urls_of(pattern, sample):
    if not pattern.name or pattern.name.endswith("_delete"):
        return []
    if pattern.name.endswith("_simple_history"):  # one saved version of the object
        return [reverse(f"admin:{pattern.name}", args=[sample.pk, sample.history.order_by("history_id")[0].pk])]
    names = set(pattern.pattern.regex.groupindex)
    if names & NOT_PAGES:
        return []
    kwargs = [dict.fromkeys(names & {"object_id", "id"}, sample.pk)]
    for name, values in EXTRA_ARGUMENTS.items():
        if name in names:
            kwargs = [{**given, name: value} for given in kwargs for value in values]
    return [reverse(f"admin:{pattern.name}", kwargs=given) for given in kwargs]


def desk_actions(user):
    """(changelist, action) for every changelist action `user` may run but "delete selected"."""
    request = as_request(user)
    request.GET = request.GET.copy()
    found = []
    for model, model_admin in admin.site._registry.items():
        if not model_admin.has_view_permission(request):
            continue
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        found += [(changelist, name) for name in model_admin.get_actions(request) if name != "delete_selected"]
    return found


def visit_pages(audit, paths):
    for path in paths:
        response = audit.page.request.get(audit.base_url + path)
        if response.status == 405 or not response.text().lower().startswith("<!doctype html"):
            continue  # a form's target (POST only), or a fragment a page loads into itself
        audit.visit(path)


@views
def test_editor_desk_pages_pass_axe(page, live_server, demo, width, language):
    samples = {
        Review: Review.objects.filter(status=ReviewStatus.SUBMITTED).first(),
        Issue: demo["planned"],
        Paper: Paper.objects.filter(topics__isnull=False, links__isnull=False, status="proposed").first(),
    }
    prepare(page, live_server, width=width, language=language)
    log_in(page, live_server.url, EDITOR)
    audit = Audit(page, live_server.url)
    visit_pages(audit, desk_pages(demo["editor"], samples))

    audit.visit(reverse("admin:digest_issue_import"))
    page.locator("textarea").first.fill(IMPORTED_POST)
    page.locator("#content-main form [type=submit]").first.click()
    page.wait_for_selector(".desk-import-summary")
    audit.check("the import's preview")
    for path, action in desk_actions(demo["editor"]):  # last: some act at once
        audit.visit(path)
        page.locator("#result_list input.action-select").first.check()
        page.locator("select[name=action]").select_option(action)
        page.locator("#changelist-form button[name=index]").click()
        page.wait_for_load_state()
        audit.check(f"{path} → {action}")
    assert len(audit.visited) > 40
    assert audit.report() == [], failure(audit)


def test_superuser_only_desk_pages_pass_axe(page, live_server, demo):
    """What only a superuser reaches (accounts, login records, the task queue, a new series), at 1280 px."""
    superuser = get_user_model().objects.create_superuser("root@example.org", "root@example.org", PASSWORD)
    editors = as_request(demo["editor"])
    seen_by_editors = {
        model_admin for model_admin in admin.site._registry.values() if model_admin.has_view_permission(editors)
    }
    prepare(page, live_server, width=1280, language="en")
    log_in(page, live_server.url, superuser.username)
    audit = Audit(page, live_server.url)
    pages = desk_pages(superuser, {}, skip=seen_by_editors, need_samples=False)
    pages.append(reverse("admin:digest_series_add"))
    visit_pages(audit, pages)
    assert audit.report() == [], failure(audit)


IMPORTED_POST = """Reading articles for you. June 2020

Hello! We continue to publish reviews of scientific articles.

Articles for today:

1. PointRend: Image Segmentation as Rendering (Facebook AI Research, 2019)

1. PointRend: Image Segmentation as Rendering
Authors: Alexander Kirillov, Yuxin Wu (Facebook AI Research, 2019)
→ Original article
Review author: Evgeniy (in Slack evgeniyzh)

The authors treat segmentation as rendering.
"""


def test_the_review_editors_preview_is_reached_by_the_keyboard(page, live_server, login, author, editor):
    """Tab indents the source; Esc, then Tab, moves on into the preview (it scrolls), a named region."""
    review = ReviewFactory(reviewer=author, status=ReviewStatus.SUBMITTED, body=long_body())
    draft = ReviewFactory(reviewer=author, status=ReviewStatus.DRAFT, body=long_body())
    login(author.user)
    page.goto(f"{live_server.url}{reverse('review_edit', args=[draft.pk])}")
    page.wait_for_selector(".markdownx-preview .katex")
    source = page.locator("textarea[name=body]")
    source.focus()
    page.keyboard.press("Tab")  # indents, as in a code editor
    assert page.evaluate("document.activeElement.name") == "body"
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.markdownx-preview')")
    assert page.get_by_role("region", name="Rendered review").count() == 1
    assert "press Esc, then Tab" in page.evaluate(
        "[...document.querySelector('textarea[name=body]').getAttribute('aria-describedby').split(' ')]"
        ".map(id => document.getElementById(id).textContent).join(' ')"
    )

    page.context.clear_cookies()
    login(editor)
    page.goto(f"{live_server.url}{reverse('admin:reviews_review_change', args=[review.pk])}")
    page.locator("textarea[name=body]").focus()
    page.keyboard.press("Escape")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('.desk-body-preview')")
    assert page.get_by_role("region", name="Rendered review").count() == 1
