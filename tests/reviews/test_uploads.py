"""The editor's image upload and preview endpoints (hardened django-markdownx)."""

import io
import json
import struct
import zlib

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


# --- the hostile uploads of the "Trust" issue, through the real endpoint ---------------------------


def png_declaring(width, height):
    """A small, valid-looking PNG whose header claims width x height pixels (a decompression bomb)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    )


@pytest.mark.django_db
@pytest.mark.parametrize("size", [(100_000, 100_000), (12_000, 12_000)])
def test_a_png_declaring_a_huge_size_is_refused_before_it_is_decoded(member_client, size, settings):
    content = png_declaring(*size)
    assert len(content) < 200
    response = upload(member_client, "huge.png", content)
    assert response.status_code == 400
    assert not list(settings.MEDIA_ROOT.rglob("*.png"))


@pytest.mark.django_db
def test_a_decompression_bomb_is_refused_as_too_many_pixels(member_client):
    response = upload(member_client, "huge.png", png_declaring(100_000, 100_000))
    assert json.loads(response.content)["error"] == "The image has too many pixels."


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content_type"), [("poly.gif", "image/gif"), ("poly.html", "text/html")])
def test_a_gif_with_html_appended_is_stored_as_gif_and_served_as_an_inert_image(member_client, name, content_type):
    polyglot = image_bytes("GIF", (2, 2)) + b"<html><script>alert('XSS')</script></html>"
    response = upload(member_client, name, polyglot, content_type)
    assert response.status_code == 200
    url = json.loads(response.content)["url"]
    assert url.endswith(".gif") and "poly" not in url
    served = member_client.get(url)
    stored = b"".join(served.streaming_content)
    assert b"<script" not in stored and stored.startswith(b"GIF8")  # re-encoded: the payload is gone
    assert (served["Content-Type"], served["X-Content-Type-Options"]) == ("image/gif", "nosniff")
    assert served["Content-Security-Policy"] == "default-src 'none'; img-src 'self'; sandbox"


@pytest.mark.django_db
def test_html_after_a_jpeg_signature_is_refused(member_client):
    response = upload(member_client, "x.jpg", b"\xff\xd8\xff\xe0<script>alert(1)</script>", "image/jpeg")
    assert (response.status_code, json.loads(response.content)["error"]) == (400, "The image is damaged or incomplete.")


@pytest.mark.django_db
def test_an_animated_gif_keeps_its_frames(member_client, settings):
    frames = [Image.new("RGB", (8, 8), color) for color in ((255, 0, 0), (0, 255, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    url = json.loads(upload(member_client, "anim.gif", buffer.getvalue(), "image/gif").content)["url"]
    with Image.open(settings.MEDIA_ROOT / url.removeprefix("/media/")) as stored:
        assert (stored.format, stored.n_frames) == ("GIF", 3)


# --- animations and metadata (an outside test: an 8-frame GIF whose frames each passed the
# pixel cap took 16 s and 1.4 GB to re-encode; only the first frame's size was checked) ---------


def animated_gif(size, frames, **extra):
    images = [Image.new("P", size, n % 2) for n in range(frames)]
    for n, image in enumerate(images):
        image.putpalette([0, 0, 0, 255, 255, 255] * 128)
        image.putpixel((n, 0), 1 - n % 2)  # frames differ, so none is merged away
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:], loop=0, duration=80, **extra)
    return buffer.getvalue()


@pytest.mark.django_db
def test_an_animation_whose_frames_together_pass_the_pixel_cap_is_refused_before_decoding(member_client, settings):
    settings.DIGEST_UPLOAD_MAX_PIXELS = 40_000_000
    gif = animated_gif((2600, 2600), 8)  # 6.8 million pixels a frame, 54 million in all; a small file
    assert len(gif) < 100_000
    response = upload(member_client, "big.gif", gif, "image/gif")
    assert response.status_code == 400
    assert json.loads(response.content)["error"] == "The animation is too large: 8 frames of 2600×2600 pixels."


@pytest.mark.django_db
def test_an_animation_within_the_cap_keeps_its_frames_and_loses_its_comment(member_client, settings):
    response = upload(member_client, "ok.gif", animated_gif((40, 30), 3, comment=b"SECRET-NOTE"), "image/gif")
    assert response.status_code == 200
    stored = (settings.MEDIA_ROOT / json.loads(response.content)["url"].removeprefix("/media/")).read_bytes()
    assert b"SECRET-NOTE" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert (image.format, image.n_frames) == ("GIF", 3)


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["PNG", "JPEG", "WEBP"])
def test_exif_xmp_and_colour_profiles_are_dropped(member_client, settings, kind):
    exif = Image.Exif()
    exif[0x010E] = "SECRET-EXIF"  # ImageDescription
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, kind, exif=exif, icc_profile=b"SECRET-ICC" * 20,
                                                   xmp=b"<x>SECRET-XMP</x>")  # fmt: skip
    response = upload(member_client, f"x.{kind.lower()}", buffer.getvalue(), f"image/{kind.lower()}")
    assert response.status_code == 200
    stored = (settings.MEDIA_ROOT / json.loads(response.content)["url"].removeprefix("/media/")).read_bytes()
    assert b"SECRET" not in stored


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "alt"),
    [
        ("attention_map-layer-6.png", "attention map layer 6"),
        ("C:\\Users\\ann\\fig [2].png", "fig \\[2\\]"),
        ("image.png", "image"),
    ],
)
def test_an_upload_comes_with_a_description_from_its_file_name(member_client, name, alt):
    answer = json.loads(upload(member_client, name, image_bytes("PNG")).content)
    assert answer["alt"] == alt
    assert answer["image_code"] == f"![{alt}]({answer['url']})"
