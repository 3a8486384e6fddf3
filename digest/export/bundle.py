"""“Download with images”: the post as Markdown and HTML with every uploaded image of the issue, in
one zip, for blogs where images must be uploaded by hand.

The zip holds one folder, <slug>/, with

    <slug>.md            the Markdown export
    <slug>.html          the HTML export as a whole page
    images/<n>-<k>.<ext> the k-th uploaded image of entry n, in the order of the post
                         (images/intro-<k>.<ext> and images/outro-<k>.<ext> for the issue's own texts)

and the Markdown and HTML in it point at `images/…` (relative paths), so the two files open with
their images from the unpacked folder, and the names say where each image goes in the post. The
names are stable: the same issue gives the same names. Images from other sites stay as their
absolute addresses; an upload missing from the storage keeps the site's address.
"""

import io
import re
import zipfile
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import default_storage

from .bodies import markdown_block
from .checks import IMAGE_SRC, is_own_media
from .formats import render_post

EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".webp"}


def media_name(url, site):
    """The storage name of one of the site's uploads, from its relative or absolute address."""
    path = url[len(site) :] if site and url.startswith(site) else url
    return path[len(settings.MEDIA_URL) :]


def bundled_images(post):
    """[(absolute address in the exports, path in the zip, storage name)] in the order of the post."""
    site = post.site_url
    fragments = [("intro", markdown_block(post.intro, "html"))]
    fragments += [(str(entry.number), entry.review.body_html) for entry in post.entries]
    fragments.append(("outro", markdown_block(post.outro, "html")))
    images, seen = [], set()
    for prefix, fragment in fragments:
        count = 0
        for url in IMAGE_SRC.findall(fragment):
            if not is_own_media(url, site):
                continue
            name = media_name(url, site)
            suffix = PurePosixPath(name).suffix.lower()
            absolute = f"{site}{settings.MEDIA_URL}{name}"
            if absolute in seen or suffix not in EXTENSIONS or ".." in PurePosixPath(name).parts:
                continue
            seen.add(absolute)
            count += 1
            images.append((absolute, f"images/{prefix}-{count}{suffix}", name))
    return images


def _pointing_at(text, images, openers):
    """`text` with each image's absolute address, where it stands as an address (right after one of
    `openers`: "(" or "(<" in Markdown, a quote in HTML), replaced by its path in the zip."""
    for absolute, path, _name in images:
        for opener in openers:
            pattern = re.escape(opener + absolute) + r"(?=[\s)\"'>])"
            text = re.sub(pattern, lambda _match, replacement=opener + path: replacement, text)
    return text


def issue_bundle(post):
    """The zip (bytes) of `post` with its images; see the module's docstring."""
    images = []
    for absolute, path, name in bundled_images(post):
        try:
            with default_storage.open(name, "rb") as handle:
                images.append((absolute, path, handle.read()))
        except (FileNotFoundError, OSError):
            continue  # gone from the storage: the exports keep the site's address
    markdown = _pointing_at(render_post(post, "markdown"), images, ("(", "(<"))
    page = _pointing_at(render_post(post, "html", standalone=True), images, ('"',))
    slug = post.issue.slug
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(f"{slug}/{slug}.md", markdown)
        archive.writestr(f"{slug}/{slug}.html", page)
        for _absolute, path, content in images:
            archive.writestr(f"{slug}/{path}", content, compress_type=zipfile.ZIP_STORED)  # already compressed
    return buffer.getvalue()
