"""Images that survive publishing: every export writes uploaded images (and other site-relative
addresses) from the site's address, the images are served there, and "Download with images" bundles
them beside the Markdown and HTML."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from PIL import Image

from digest.export.addresses import absolute_html, absolute_markdown
from digest.export.formats import export_issue
from reviews.models import Review
from tests.factories import IssueEntryFactory, IssueFactory, ReviewFactory, SeriesFactory, UserFactory

pytestmark = pytest.mark.django_db
SITE = "https://digest.example.org"
FORMATS = ["markdown", "habr", "html", "text"]


def png(colour=(200, 30, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, content):
    """An image uploaded through the members' editor, as a reviewer does; returns its markdown."""
    response = client.post(
        "/markdownx/upload/",
        {"image": SimpleUploadedFile("figure.png", content, "image/png")},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200, response.content
    return response.json()["image_code"]


@pytest.fixture
def issue_with_upload(client):
    client.force_login(UserFactory())
    image = upload(client, png())
    client.logout()
    review = ReviewFactory(status="approved", body=f"A figure:\n\n{image}\n\nSee [the archive](/reviews/).")
    issue = IssueFactory(series=SeriesFactory(language="en"))
    IssueEntryFactory(issue=issue, review=review, position=1)
    path = re.search(r"\((/media/[^)]+)\)", image).group(1)
    return issue, path


def addresses(text):
    return set(re.findall(r"(?:https?://[^\s)\"<>]+)?/media/uploads/[^\s)\"<>]+", text))


# --- the desk: the address the editor uses -----------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_download_writes_the_upload_absolute_from_the_editors_address_and_it_is_served(
    client, editor, issue_with_upload, fmt, settings
):
    issue, path = issue_with_upload
    client.force_login(editor)
    text = client.get(reverse("admin:digest_issue_export", args=[issue.pk, fmt])).content.decode()
    assert addresses(text) == {f"http://testserver{path}"}
    assert "http://testserver/reviews/" in text  # links to the site too
    (url,) = addresses(text)
    image = client.get(url.removeprefix("http://testserver"))  # what a reader's browser asks the site for
    assert (image.status_code, image["Content-Type"]) == (200, "image/png")
    assert b"".join(image.streaming_content) == (settings.MEDIA_ROOT / path.removeprefix("/media/")).read_bytes()


def test_the_site_address_setting_wins_over_the_editors_address(client, editor, issue_with_upload, settings):
    settings.SITE_URL, settings.SITE_URL_IS_SET = SITE, True
    issue, path = issue_with_upload
    client.force_login(editor)
    for fmt in FORMATS:
        text = client.get(reverse("admin:digest_issue_export", args=[issue.pk, fmt])).content.decode()
        assert addresses(text) == {f"{SITE}{path}"}, fmt
    page = client.get(reverse("admin:digest_issue_workspace", args=[issue.pk])).content.decode()
    assert "has a relative or local URL" not in page and "an address readers cannot reach" not in page


def test_the_converted_bodies_are_cached_per_site_address(issue_with_upload):
    issue, path = issue_with_upload
    for site in ("https://one.example", "https://two.example", "https://one.example"):
        for fmt in FORMATS:
            assert addresses(export_issue(issue, fmt, site_url=site)) == {f"{site}{path}"}, (site, fmt)


def test_a_new_version_of_the_body_is_converted_again(issue_with_upload):
    issue, path = issue_with_upload
    export_issue(issue, "habr", site_url=SITE)
    review = Review.objects.get()
    Review.objects.filter(pk=review.pk).update(
        body="![](/media/uploads/other.png)",
        body_html='<p><img src="/media/uploads/other.png" alt=""></p>',
        version=review.version + 1,
    )
    assert addresses(export_issue(issue, "habr", site_url=SITE)) == {f"{SITE}/media/uploads/other.png"}


# --- the command ---------------------------------------------------------------------------------------


def test_export_command_takes_the_site_address_from_the_option_or_the_setting(issue_with_upload, capsys, settings):
    issue, path = issue_with_upload
    settings.SITE_URL = SITE
    call_command("export_issue", str(issue.pk), "--format", "markdown")
    assert addresses(capsys.readouterr().out) == {f"{SITE}{path}"}
    call_command("export_issue", str(issue.pk), "--format", "text", "--site-url", "https://mirror.example.org/")
    assert addresses(capsys.readouterr().out) == {f"https://mirror.example.org{path}"}
    with pytest.raises(CommandError, match="--site-url must be a web address"):
        call_command("export_issue", str(issue.pk), "--site-url", "mirror.example.org")


# --- the bundle --------------------------------------------------------------------------------------


def test_download_with_images_bundles_every_upload_under_stable_names(client, editor, settings):
    client.force_login(UserFactory())
    first, second = upload(client, png((1, 2, 3))), upload(client, png((4, 5, 6)))
    client.logout()
    issue = IssueFactory(slug="april", series=SeriesFactory(language="en"))
    reviews = [
        ReviewFactory(status="approved", body="No images here."),
        ReviewFactory(status="approved", body=f"{first}\n\nand\n\n{second}\n\n![elsewhere](https://example.org/x.png)"),
    ]
    for position, review in enumerate(reviews, start=1):
        IssueEntryFactory(issue=issue, review=review, position=position)
    client.force_login(editor)
    response = client.get(reverse("admin:digest_issue_export", args=[issue.pk, "zip"]))
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"] == 'attachment; filename="april.zip"'
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == [
        "april/april.html",
        "april/april.md",
        "april/images/2-1.png",
        "april/images/2-2.png",
    ]
    storage = settings.MEDIA_ROOT
    for name, markdown in (("2-1", first), ("2-2", second)):
        stored = re.search(r"/media/(uploads/[^)]+)", markdown).group(1)
        assert archive.read(f"april/images/{name}.png") == (storage / stored).read_bytes()
    markdown, page = archive.read("april/april.md").decode(), archive.read("april/april.html").decode()
    assert "](images/2-1.png)" in markdown and "](images/2-2.png)" in markdown
    assert 'src="images/2-1.png"' in page and 'src="images/2-2.png"' in page
    assert "/media/" not in markdown + page
    assert "https://example.org/x.png" in markdown  # images elsewhere stay where they are
    again = zipfile.ZipFile(
        io.BytesIO(client.get(reverse("admin:digest_issue_export", args=[issue.pk, "zip"])).content)
    )
    assert again.namelist() == archive.namelist()


# --- the conversions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("![](/media/a.png)", f"![]({SITE}/media/a.png)"),
        ("[x](/reviews/1/ 'title')", f"[x]({SITE}/reviews/1/ 'title')"),
        ("![a](</media/a b.png>)", f"![a](<{SITE}/media/a b.png>)"),
        ("[ref]: /media/a.png", f"[ref]: {SITE}/media/a.png"),
        ("`![](/media/a.png)` in code", "`![](/media/a.png)` in code"),
        ("```\n![](/media/a.png)\n```", "```\n![](/media/a.png)\n```"),
        ("[x](//cdn.example.org/a.png)", "[x](//cdn.example.org/a.png)"),
        ("[x](https://example.org/a.png)", "[x](https://example.org/a.png)"),
        ("[x\\](/not-a-link)", "[x\\](/not-a-link)"),
    ],
)
def test_markdown_addresses_made_absolute_outside_code(source, expected):
    assert absolute_markdown(source, SITE) == expected


def test_html_addresses_made_absolute_in_tags_only():
    fragment = '<p><img src="/media/a.png" alt="x>y"><a href="/reviews/">r</a> <code>src="/media/b.png"</code></p>'
    assert absolute_html(fragment, SITE) == (
        f'<p><img src="{SITE}/media/a.png" alt="x>y"><a href="{SITE}/reviews/">r</a> '
        '<code>src="/media/b.png"</code></p>'
    )
    assert absolute_html(fragment, "") == fragment
