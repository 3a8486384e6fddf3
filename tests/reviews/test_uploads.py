"""The editor's image upload and preview endpoints (hardened django-markdownx)."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import UserFactory

UPLOAD = "/markdownx/upload/"
PREVIEW = "/markdownx/markdownify/"


def image_bytes(kind="PNG", size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, kind)
    return buffer.getvalue()


@pytest.fixture
def member_client(client, db):
    client.force_login(UserFactory())
    return client


def upload(client, name, content, content_type="image/png"):
    return client.post(
        UPLOAD,
        {"image": SimpleUploadedFile(name, content, content_type)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


@pytest.mark.django_db
def test_anonymous_upload_is_sent_to_login(client):
    response = upload(client, "a.png", image_bytes())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_png_named_html_is_stored_as_png_under_a_server_chosen_name(member_client, settings):
    response = upload(member_client, "evil.html", image_bytes("PNG"), "text/html")
    assert response.status_code == 200
    url = json.loads(response.content)["url"]
    assert url.startswith("/media/uploads/") and url.endswith(".png") and "evil" not in url
    stored = settings.MEDIA_ROOT / url.removeprefix("/media/")
    with Image.open(stored) as image:
        assert image.format == "PNG"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        ("x.gif", b"<html><script>alert(1)</script></html>", "image/gif", "not an image we accept"),
        ("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml", "not an image"),
        ("x.png", image_bytes("PNG")[:60], "image/png", "damaged or incomplete"),
        ("x.bmp", image_bytes("BMP"), "image/bmp", "Only PNG, JPEG, GIF and WebP"),
    ],
)
def test_non_images_and_broken_images_are_refused_with_a_message(member_client, name, content, content_type, message):
    response = upload(member_client, name, content, content_type)
    assert response.status_code == 400
    assert message in json.loads(response.content)["error"]


@pytest.mark.django_db
def test_oversized_upload_is_refused(member_client, settings):
    settings.DIGEST_UPLOAD_MAX_BYTES = 1000
    response = upload(member_client, "big.png", image_bytes("PNG", (400, 400)) + b"\0" * 2000)
    assert response.status_code == 400
    assert "the limit is" in json.loads(response.content)["error"]


@pytest.mark.django_db
def test_decompression_bomb_is_refused(member_client, settings):
    settings.DIGEST_UPLOAD_MAX_PIXELS = 100 * 100
    response = upload(member_client, "bomb.png", image_bytes("PNG", (200, 200)))
    assert response.status_code == 400
    assert "too many pixels" in json.loads(response.content)["error"]


@pytest.mark.django_db
def test_uploaded_media_is_served_with_nosniff_and_a_sandbox(member_client):
    url = json.loads(upload(member_client, "a.jpg", image_bytes("JPEG"), "image/jpeg").content)["url"]
    response = member_client.get(url)
    response.close()
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.django_db
def test_preview_requires_login(client):
    assert client.post(PREVIEW, {"content": "# Hi"}).status_code == 302


@pytest.mark.django_db
def test_preview_renders_sanitised_markdown_with_math(member_client):
    response = member_client.post(PREVIEW, {"content": "$x^2$ <script>alert(1)</script>"})
    assert response.status_code == 200
    assert response.content.decode() == (
        '<p><span class="math inline">x^2</span> &lt;script&gt;alert(1)&lt;/script&gt;</p>\n'
    )


@pytest.mark.django_db
def test_preview_enforces_csrf(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory())
    assert client.post(PREVIEW, {"content": "x"}).status_code == 403
