"""The workspace's preview and exports: who may see them, what they show, the downloads."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from digest.export.formats import export_issue
from tests.digest.export_data import make_issue
from tests.factories import IssueEntryFactory, ReviewFactory, UserFactory
from tests.html_checks import unsafe_parts

pytestmark = pytest.mark.django_db


def preview_url(issue):
    return reverse("admin:digest_issue_workspace_preview", args=[issue.pk])


def workspace_url(issue):
    return reverse("admin:digest_issue_workspace", args=[issue.pk])


def export_url(issue, fmt):
    return reverse("admin:digest_issue_export", args=[issue.pk, fmt])


def test_editor_sees_the_post_the_warnings_downloads_and_copy_buttons(client, editor):
    issue = make_issue()
    client.force_login(editor)
    response = client.get(workspace_url(issue))
    assert response.status_code == 200
    page = response.content.decode()
    assert "the link “Blog” has no URL." in page
    for fmt in ("markdown", "habr", "html", "text"):
        assert f'href="{export_url(issue, fmt)}" download' in page
        assert f'data-copy-target="export-{fmt}"' in page and f'id="export-{fmt}"' in page
    assert '<script src="/static/js/copy.js" defer></script>' in page
    assert "cdn" not in page.lower() and "<script>" not in page and "style=" not in page
    page = client.get(preview_url(issue)).content.decode()
    assert "<h1>Reading articles for you. April 2020. Part 1</h1>" in page
    assert '<span class="math inline">q_i = \\frac{exp(z_i/T)}{\\sum_j exp(z_j/T)}</span>' in page  # KaTeX typesets it
    assert '<script src="/static/vendor/katex/katex.min.js"></script>' in page
    assert "cdn" not in page.lower() and "<script>" not in page and "style=" not in page
    bodies = [part.split('<p class="entry-links">')[0] for part in page.split('<div class="review-body">')[1:]]
    assert len(bodies) == 2 and all(unsafe_parts(body.removesuffix("</div>\n      ")) == [] for body in bodies)


def test_warnings_are_one_list_whose_items_name_their_entry_once(client, editor):
    issue = make_issue()
    client.force_login(editor)
    page = client.get(workspace_url(issue)).content.decode()
    warnings = page.split('<ul class="ws-warnings">', 1)[1].split("</ul>", 1)[0]
    items = [item.split("</li>")[0] for item in warnings.split("<li>")[1:]]
    assert "Entry 2: “Distilling the Knowledge in a Neural Network”: the link “Blog” has no URL." in items
    assert not any(item.startswith(("1.", "2.")) for item in items)  # no "• 1. …": the list has its marker


def test_preview_reads_the_same_number_of_queries_for_1_and_30_entries(client, editor):
    issue = make_issue(entries=1)
    client.force_login(editor)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(preview_url(issue)).status_code == 200
        return len(captured)

    with_one = queries()
    for position in range(2, 31):
        IssueEntryFactory(issue=issue, review=ReviewFactory(status="approved"), position=position)
    assert queries() == with_one


@pytest.mark.parametrize(
    ("fmt", "content_type", "filename"),
    [
        ("markdown", "text/markdown; charset=utf-8", "reading-2020-04-part-1.md"),
        ("habr", "text/markdown; charset=utf-8", "reading-2020-04-part-1.habr.md"),
        ("html", "text/html; charset=utf-8", "reading-2020-04-part-1.html"),
        ("text", "text/plain; charset=utf-8", "reading-2020-04-part-1.txt"),
    ],
)
def test_downloads_are_attachments_with_the_export(client, editor, fmt, content_type, filename):
    issue = make_issue()
    client.force_login(editor)
    response = client.get(export_url(issue, fmt))
    assert response.status_code == 200
    assert (response["Content-Type"], response["Content-Disposition"]) == (
        content_type,
        f'attachment; filename="{filename}"',
    )
    # Uploaded images and links to the site are written from the address the editor uses.
    assert response.content.decode() == export_issue(issue, fmt, standalone=fmt == "html", site_url="http://testserver")


def test_unknown_format_and_unknown_issue_are_not_found(client, editor):
    issue = make_issue()
    client.force_login(editor)
    assert client.get(export_url(issue, "pdf")).status_code == 404
    assert client.get(reverse("admin:digest_issue_workspace", args=[987654])).status_code == 404
    assert client.get(reverse("admin:digest_issue_workspace", args=["nope"])).status_code == 404


def test_anonymous_and_members_are_sent_to_log_in_and_staff_without_permission_refused(client, author):
    issue = make_issue()
    for url in (preview_url(issue), export_url(issue, "markdown")):
        assert client.get(url).status_code == 302
    client.force_login(author.user)
    assert client.get(preview_url(issue)).status_code == 403  # a member: the desk is for editors
    client.force_login(UserFactory(is_staff=True))
    assert client.get(preview_url(issue)).status_code == 403
    assert client.get(export_url(issue, "text")).status_code == 403


def test_the_old_preview_page_opens_the_workspace_at_the_preview(client, editor):
    issue = make_issue()
    client.force_login(editor)
    response = client.get(reverse("admin:digest_issue_preview", args=[issue.pk]))
    assert response["Location"] == workspace_url(issue) + "#preview"
