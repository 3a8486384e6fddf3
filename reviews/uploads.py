"""The editor's image upload and markdown preview, hardened, and the serving of uploaded media.

django-markdownx's own views accept anonymous users and trust the client's file name (a file
named x.html sent as image/gif is stored as .html). Here: login required, the bytes must be a
real PNG/JPEG/GIF/WebP image that Pillow can fully decode, within a size and pixel cap, and the
server chooses the name and extension.
"""

import io
import re
import uuid
import warnings
from pathlib import PurePosixPath

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.static import serve
from PIL import Image, UnidentifiedImageError

from .markdown import check_body_size, render_markdown
from .throttle import limited, retry_message

FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}
MAX_WIDTH = 1600
MAX_FRAMES = 500


class ImageUploadForm(forms.Form):
    image = forms.FileField()

    def clean_image(self):
        upload = self.cleaned_data["image"]
        limit = settings.DIGEST_UPLOAD_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("The image is %(size)s MB; the limit is %(limit)s MB.")
                % {"size": round(upload.size / 2**20, 1), "limit": round(limit / 2**20, 1)}
            )
        data = upload.read()
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(io.BytesIO(data)) as probe:
                    kind = probe.format
                    if kind not in FORMATS:
                        raise forms.ValidationError(_("Only PNG, JPEG, GIF and WebP images can be uploaded."))
                    if probe.width * probe.height > settings.DIGEST_UPLOAD_MAX_PIXELS:
                        raise forms.ValidationError(_("The image has too many pixels."))
                    # Every frame of an animation is decoded at the full size: count them all, before
                    # decoding any (n_frames reads the frames' headers only).
                    frames = getattr(probe, "n_frames", 1)
                    if frames > MAX_FRAMES or frames * probe.width * probe.height > settings.DIGEST_UPLOAD_MAX_PIXELS:
                        raise forms.ValidationError(
                            _("The animation is too large: %(frames)s frames of %(width)s×%(height)s pixels.")
                            % {"frames": frames, "width": probe.width, "height": probe.height}
                        )
                    probe.verify()
                with Image.open(io.BytesIO(data)) as image:
                    image.load()  # decodes every pixel: truncated files fail here
                    self.cleaned_data["decoded"] = image.copy() if kind != "GIF" else None
        except forms.ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise forms.ValidationError(_("The image has too many pixels.")) from None
        except UnidentifiedImageError:
            raise forms.ValidationError(_("This file is not an image we accept (PNG, JPEG, GIF or WebP).")) from None
        except (OSError, SyntaxError, ValueError):
            raise forms.ValidationError(_("The image is damaged or incomplete.")) from None
        self.cleaned_data["format"] = kind
        self.cleaned_data["raw"] = data
        return upload

    def save(self):
        """Store the image under a server-chosen name; raster images are re-encoded (metadata dropped)."""
        kind = self.cleaned_data["format"]
        content = self.cleaned_data["raw"]
        image = self.cleaned_data.get("decoded")
        if image is not None:
            if image.width > MAX_WIDTH:
                image.thumbnail((MAX_WIDTH, MAX_WIDTH * 10))
            if kind == "JPEG" and image.mode not in {"RGB", "L"}:
                image = image.convert("RGB")
            # Nothing but the pixels goes on (no EXIF, XMP, ICC profile, text chunks, comments).
            image.info = {key: value for key, value in image.info.items() if key == "transparency"}
            buffer = io.BytesIO()
            image.save(buffer, kind, **({"quality": 88} if kind in {"JPEG", "WEBP"} else {}))
            content = buffer.getvalue()
        elif kind == "GIF":
            # Re-encoded frame by frame (animation kept): anything hidden after or inside the file is gone.
            with Image.open(io.BytesIO(content)) as gif:
                buffer = io.BytesIO()
                gif.save(buffer, "GIF", save_all=True, loop=gif.info.get("loop", 0), comment=b"")
                content = buffer.getvalue()
        name = f"{settings.MARKDOWNX_MEDIA_PATH}{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{FORMATS[kind]}"
        stored = default_storage.save(name, ContentFile(content))
        return default_storage.url(stored)


@login_required
@require_POST
def image_upload(request):
    if limited(request, "upload"):
        return JsonResponse({"image": [retry_message()], "error": retry_message()}, status=429)
    form = ImageUploadForm(files=request.FILES)
    if not form.is_valid():
        message = form.errors.get("image", [_("Choose an image to upload.")])[0]
        return JsonResponse({"image": [message], "error": message}, status=400)
    url = form.save()
    alt = alt_text_from(request.FILES["image"].name)
    return JsonResponse({"image_code": f"![{alt}]({url})", "url": url, "alt": alt})


def alt_text_from(file_name):
    """A first description of an image from its file name ("attention_map-2.png" -> "attention map 2").

    The editor selects it after the upload and asks the writer to describe the image in their words.
    """
    stem = PurePosixPath((file_name or "").replace("\\", "/")).stem
    words = " ".join(re.sub(r"[-_.+]+", " ", stem).split())[:120]
    return re.sub(r"([\[\]\\*_`<>])", r"\\\1", words) or _("image")


@login_required
@require_POST
def markdown_preview(request):
    """The editor's live preview. What it answers is shown in the preview pane, errors included."""
    content = request.POST.get("content", "")
    try:
        check_body_size(content)
    except ValidationError as error:
        return HttpResponse(format_html('<p class="preview-error">{}</p>', error.messages[0]), status=400)
    if limited(request, "preview", size=len(content.encode())):
        return HttpResponse(format_html('<p class="preview-error">{}</p>', retry_message()), status=429)
    return HttpResponse(render_markdown(content))


def serve_media(request, path):
    """Uploaded files, for deployments that keep media on local disk.

    Sent with nosniff and a sandboxing CSP, so that even a file that slipped through could
    not run as a page of this site.
    """
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; sandbox"
    response["Cache-Control"] = "public, max-age=86400"
    return response
