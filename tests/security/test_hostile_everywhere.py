"""The whole hostile corpus, published, through every place markdown and typed text are shown.

Pages (public, member, admin) are checked with `page_problems`: nothing that could run or load
from elsewhere, no payload marker where it would act. Review bodies on pages must be the stored,
sanitised HTML, within the renderer's allow-list. The exports each keep a promise of their own:

- HTML (fragment and standalone page): within the allow-list, like the pages.
- Markdown and Habr: rendered by a permissive CommonMark renderer (raw HTML on, any link scheme
  accepted), nothing outside the allow-list comes alive: no raw `<script>`, no `on…=` attribute, no
  `javascript:`/`data:` link or image. What our own renderer shows as text stays text elsewhere.
- Plain text: text. It holds the letters a reviewer typed (`<script>` included, as readers saw
  them), is downloaded as `text/plain` with nosniff, and is shown in the admin only escaped.
"""

from pathlib import Path
from xml.etree import ElementTree

import pytest

from digest.export.formats import export_issue
from digest.export.post import compile_post
from digest.importer.load import import_post
from digest.models import Issue
from reviews.models import Paper, PaperLink
from tests.html_checks import live_parts_of_markdown, page_problems, unsafe_parts
from tests.security.hostile import FIELDS, build_hostile_issue, storable
from tests.security.payloads import PAYLOADS

pytestmark = pytest.mark.django_db

HABR_TAGS = {"cut": set(), "anchor": set(), "spoiler": {"title"}}


@pytest.fixture
def hostile(db):
    return build_hostile_issue()


def body_problems(page, reviews):
    """Each review's stored HTML is within the allow-list and is what the page shows."""
    problems = []
    for name, review in reviews.items():
        if unsafe_parts(review.body_html):
            problems.append(f"{name}: stored HTML {unsafe_parts(review.body_html)}")
        if review.body_html not in page:
            problems.append(f"{name}: the page does not show the stored HTML")
    return problems


def test_public_issue_page_shows_every_payload_inert(client, hostile):
    page = client.get(hostile.issue.get_absolute_url()).content.decode()
    assert page_problems(page) == []
    assert body_problems(page, hostile.reviews) == []


def test_public_issue_page_with_the_series_intro_is_inert(client, hostile):
    page = client.get(hostile.earlier.get_absolute_url()).content.decode()
    assert "Hello" in page
    assert page_problems(page) == []


def test_every_review_page_is_inert(client, hostile):
    problems = {}
    for name, review in hostile.reviews.items():
        page = client.get(review.get_absolute_url()).content.decode()
        found = page_problems(page) + body_problems(page, {name: review})
        if found:
            problems[name] = found
    assert problems == {}


@pytest.mark.parametrize("url", ["/", "/reviews/", "/reviewers/{reviewer}/", "/series/hostile/", "/papers/"])
def test_archive_pages_listing_hostile_fields_are_inert(client, hostile, url):
    client.force_login(hostile.reviewer.user)
    response = client.get(url.format(reviewer=hostile.reviewer.slug))
    assert response.status_code == 200
    assert page_problems(response.content.decode()) == []


@pytest.mark.parametrize("url", ["/feeds/issues.rss", "/feeds/issues.atom", "/series/hostile/feed.atom"])
def test_feed_items_hold_only_allowed_html(client, hostile, url):
    """Feed readers render an item's description as HTML: it must be as inert as a page."""
    root = ElementTree.fromstring(client.get(url).content)
    texts = [node.text or "" for node in root.iter() if node.tag.rsplit("}", 1)[-1] in {"description", "summary"}]
    assert len(texts) >= 2
    assert [problem for text in texts for problem in page_problems(text) + unsafe_parts(text)] == []


def test_member_pages_of_the_hostile_author_are_inert(client, hostile):
    client.force_login(hostile.reviewer.user)
    problems = {}
    for url in ["/me/", *(f"/me/reviews/{review.pk}/" for review in hostile.reviews.values())]:
        found = page_problems(client.get(url).content.decode())
        if found:
            problems[url] = found
    assert problems == {}


def test_member_editor_with_every_payload_in_the_text_is_inert(client, hostile, author):
    from tests.factories import ReviewFactory

    client.force_login(author.user)
    problems = {}
    for name, body in PAYLOADS.items():
        review = ReviewFactory(reviewer=author, body=storable(body))
        page = client.get(f"/me/reviews/{review.pk}/edit/").content.decode()
        found = page_problems(page)
        if found:
            problems[name] = found
    assert problems == {}


def test_the_workspace_and_its_preview_show_every_payload_inert(client, hostile, editor):
    client.force_login(editor)
    page = client.get(f"/admin/digest/issue/{hostile.issue.pk}/workspace/").content.decode()
    # The one frame is the workspace's own preview, from this site; the preview is checked below.
    assert page_problems(page) == ["tag <iframe>"] and page.count("<iframe") == 1
    preview = f"/admin/digest/issue/{hostile.issue.pk}/workspace/preview/"
    assert f'<iframe class="ws-preview-frame" id="ws-preview-frame" src="{preview}"' in page
    assert "&lt;script&gt;alert(&#x27;XSS1&#x27;)&lt;/script&gt;" in page  # the Markdown source, escaped
    page = client.get(f"/admin/digest/issue/{hostile.issue.pk}/workspace/preview/").content.decode()
    assert page_problems(page) == []


@pytest.mark.parametrize("url", ["/admin/digest/issue/{issue}/change/", "/admin/digest/series/{series}/change/"])
def test_admin_issue_and_series_pages_are_inert(client, hostile, editor, superuser, url):
    client.force_login(superuser)
    response = client.get(url.format(issue=hostile.issue.pk, series=hostile.issue.series_id))
    assert response.status_code == 200
    assert page_problems(response.content.decode()) == []


@pytest.mark.filterwarnings(  # main's paper admin builds URLFields without assume_scheme (the desk branch sets it)
    "ignore:The default scheme will be changed:django.utils.deprecation.RemovedInDjango60Warning"
)
def test_admin_review_pages_are_inert(client, hostile, editor):
    client.force_login(editor)
    problems = {}
    urls = ["/admin/reviews/review/", "/admin/reviews/paper/", "/admin/reviews/reviewer/"]
    urls += [f"/admin/reviews/reviewer/{hostile.reviewer.pk}/change/"]
    for review in list(hostile.reviews.values()):
        urls += [f"/admin/reviews/review/{review.pk}/change/", f"/admin/reviews/paper/{review.paper_id}/change/"]
    first = next(iter(hostile.reviews.values()))
    urls += [f"/admin/reviews/review/{first.pk}/history/"]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        found = page_problems(response.content.decode())
        if found:
            problems[url] = found
    assert problems == {}


# --- the exports ------------------------------------------------------------------------------------


@pytest.mark.parametrize("standalone", [False, True])
def test_html_export_is_within_the_allow_list(hostile, standalone):
    html = export_issue(hostile.issue, "html", standalone=standalone)
    assert page_problems(html) == []
    if not standalone:
        assert unsafe_parts(html) == []
    assert "&lt;script&gt;alert('XSS1')&lt;/script&gt;" in html  # shown as text, as on the page


def test_markdown_export_has_nothing_live_in_a_permissive_renderer(hostile):
    text = export_issue(hostile.issue, "markdown")
    assert live_parts_of_markdown(text) == []


def test_habr_export_has_nothing_live_in_a_permissive_renderer(hostile):
    text = export_issue(hostile.issue, "habr")
    assert live_parts_of_markdown(text, extra=HABR_TAGS) == []


@pytest.mark.parametrize("fmt", ["markdown", "habr", "text"])
def test_each_payload_alone_exports_inert(hostile, fmt):
    """Per payload, so that a failure names it (the whole-issue tests above can hide one in many)."""
    problems = {}
    for name, review in hostile.reviews.items():
        from digest.export.formats import render_post
        from digest.export.post import compile_post

        post = compile_post(hostile.issue)
        post.entries = [entry for entry in post.entries if entry.review.pk == review.pk]
        text = render_post(post, fmt)
        found = live_parts_of_markdown(text, extra=HABR_TAGS) if fmt != "text" else []
        if found:
            problems[name] = found
    assert problems == {}


@pytest.mark.parametrize("fmt", ["markdown", "habr", "html", "text"])
def test_admin_download_is_an_attachment_with_nosniff(client, hostile, editor, fmt):
    client.force_login(editor)
    response = client.get(f"/admin/digest/issue/{hostile.issue.pk}/export/{fmt}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_plain_text_export_keeps_the_typed_letters_as_text(hostile):
    text = export_issue(hostile.issue, "text")
    assert "<script>alert('XSS1')</script>" in text  # what readers saw on the page, as letters
    assert FIELDS["reviewer name"] in text


# --- where addresses come in ----------------------------------------------------------------------

FIXTURES = Path(__file__).resolve().parents[2] / "digest" / "demo"  # the example posts


@pytest.mark.parametrize("address", ["javascript:alert('XSS120')", "data:text/html,<script>alert('XSS120')</script>"])
@pytest.mark.parametrize("where", ["page", "command line"])
def test_importer_never_keeps_an_address_a_page_would_run(address, where):
    """A saved page's "Source:" link (or --url) becomes the issue's public URL, linked from its page."""
    page = (FIXTURES / "ods-2018-02-03-en.html").read_text(encoding="utf-8")
    if where == "page":
        page = page.replace('Source: <a href="https://habr.com/ru/post/352518/">', f'Source: <a href="{address}">')
    report = import_post(page, series_name="Reading", url=address if where == "command line" else "")
    assert report.issue.published_url == ""
    assert f"“{address}” is not a web address; left out" in " ".join(report.notes)


@pytest.mark.parametrize("address", ["javascript:alert('XSS121')", " JAVASCRIPT:alert('XSS121')", "data:text/html,x"])
def test_exports_never_link_an_unsafe_address_left_in_the_database(hostile, address):
    """Forms and the importer refuse these; should one be in the database anyway (an old import,
    a shell session), no export links it: the label stays, as for a link without an address."""
    review = next(iter(hostile.reviews.values()))
    Paper.objects.filter(pk=review.paper_id).update(original_url=address)
    PaperLink.objects.filter(paper_id=review.paper_id).update(url=address)
    Issue.objects.filter(pk=hostile.earlier.pk).update(published_url=address)
    for fmt in ["markdown", "habr", "html", "text"]:
        text = export_issue(hostile.issue, fmt)
        assert address.strip() not in text, fmt
    post = compile_post(hostile.issue)
    assert [link.url for link in post.entries[0].links] == ["", ""]
    assert post.previous[0].url == f"http://127.0.0.1:8000{hostile.earlier.get_absolute_url()}"
