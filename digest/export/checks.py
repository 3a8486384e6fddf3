"""What an editor should fix before pasting the post: export still works, these are shown beside it."""

import ipaddress
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from reviews.enums import ReviewStatus

from .addresses import absolute_url
from .bodies import markdown_block

READY = {ReviewStatus.APPROVED, ReviewStatus.PUBLISHED}
IMAGE_SRC = re.compile(r"<img\b[^>]*?\bsrc=\"([^\"]*)\"", re.I)
LOCAL_HOSTS = {"localhost", "0.0.0.0", "testserver"}


@dataclass(frozen=True)
class ExportWarning:
    message: str
    entry: int | None = None  # the entry's number in the post, None for the whole issue

    def __str__(self):
        return f"{self.entry}. {self.message}" if self.entry else self.message


def is_public_url(url):
    """False for relative URLs, non-web schemes, localhost and private addresses: readers cannot load them."""
    parts = urlsplit(url.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        return False
    host = parts.hostname.lower()
    if host in LOCAL_HOSTS or host.endswith((".localhost", ".local", ".internal")):
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return True
    return address.is_global


def is_own_media(url, site):
    """Whether `url` is an upload of this site: the exports write it from the site's address."""
    media = settings.MEDIA_URL
    return media.startswith("/") and (url.startswith(media) or bool(site) and url.startswith(f"{site}{media}"))


def image_warnings(fragment, entry=None, site=""):
    """Images readers will not see. The site's own uploads are fine: every export writes them from
    the site's address (whether readers can reach that address is check_post's to say, once)."""
    return [
        ExportWarning(
            _("The image “%(url)s” has a relative or local URL; readers will not see it.") % {"url": url}, entry
        )
        for url in IMAGE_SRC.findall(fragment)
        if not is_own_media(url, site) and not is_public_url(absolute_url(url, site))
    ]


def own_media_count(fragments, site):
    return sum(1 for fragment in fragments for url in IMAGE_SRC.findall(fragment) if is_own_media(url, site))


def entry_warnings(entry, site=""):
    review, title, warn = entry.review, entry.title, []
    if review.status not in READY:
        warn.append(
            _("“%(title)s”: the review is “%(status)s”, not approved.")
            % {"title": title, "status": review.get_status_display()}
        )
    missing = [
        label
        for label, value in (
            (_("authors"), entry.authors),
            (_("affiliations"), entry.affiliations),
            (_("year"), entry.year),
            (_("link to the original article"), entry.original_url),
        )
        if not value
    ]
    if missing:
        warn.append(_("“%(title)s”: the paper has no %(missing)s.") % {"title": title, "missing": ", ".join(missing)})
    for link in entry.links[1:]:
        if not link.url:
            warn.append(_("“%(title)s”: the link “%(label)s” has no URL.") % {"title": title, "label": link.label})
    if not entry.handles:
        warn.append(
            _("“%(title)s”: the reviewer %(name)s has no chat or blog handle.")
            % {"title": title, "name": entry.reviewer_name}
        )
    return [ExportWarning(message, entry.number) for message in warn] + image_warnings(
        review.body_html, entry.number, site
    )


def check_post(post):
    """Every warning for the compiled post, the whole issue's first."""
    warnings = []
    if not post.entries:
        warnings.append(ExportWarning(_("The issue has no entries: add approved reviews to it.")))
    blocks = [markdown_block(block, "html") for block in (post.intro, post.outro)]
    for block in blocks:
        warnings += image_warnings(block, site=post.site_url)
    for entry in post.entries:
        warnings += entry_warnings(entry, post.site_url)
    uploads = own_media_count(blocks + [entry.review.body_html for entry in post.entries], post.site_url)
    if uploads and not is_public_url(post.site_url):
        warnings.insert(
            0 if post.entries else 1,
            ExportWarning(
                ngettext(
                    "The exports take %(count)s uploaded image from %(site)s, an address readers cannot reach: "
                    "set DIGEST_SITE_URL to the site's public address, or download the post with its images "
                    "and upload them to the blog.",
                    "The exports take %(count)s uploaded images from %(site)s, an address readers cannot reach: "
                    "set DIGEST_SITE_URL to the site's public address, or download the post with its images "
                    "and upload them to the blog.",
                    uploads,
                )
                % {"count": uploads, "site": post.site_url}
            ),
        )
    return warnings
