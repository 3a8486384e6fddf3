"""Site-relative addresses made absolute, so that a post pasted elsewhere still finds its images.

A review's uploaded image is stored as `![](/media/uploads/….png)` (and rendered as
`<img src="/media/uploads/….png">`): on our own pages that works, in a post on a blog it points
at the blog's host. Every export therefore writes such addresses (images and links starting with
one "/") from the site's address: `settings.SITE_URL` when DIGEST_SITE_URL is set, else the
address the editor is using (`site_address(request)`), else the default local one.

digest/export/bodies.py applies these where bodies are converted for a target, inside the cached
conversion, so the cost is paid once per version of a body and site address.
"""

import re

from django.conf import settings

from .inert import DESTINATION, MATH, _code_span_end, _units

# A tag of sanitised HTML (attribute values are always double-quoted there, and may hold ">").
TAG = re.compile(r'<[A-Za-z][^\s/>]*(?:\s+[^\s="/>]+(?:="[^"]*")?)*\s*/?>')
RELATIVE_ATTRIBUTE = re.compile(r'(\s(?:src|href)=")/(?!/)')
# "](/…" or "]: /…" (maybe "](</…"): a link, image or definition to a site-relative address.
RELATIVE_DESTINATION = re.compile(r"\][(:][ \t]*\n?[ \t]*<?/(?!/)")


def site_address(request=None):
    """The site's address without a final slash: DIGEST_SITE_URL when set, else the address of
    `request` (the one the editor is using), else SITE_URL's local default."""
    if settings.SITE_URL_IS_SET or request is None:
        return settings.SITE_URL
    return request.build_absolute_uri("/").rstrip("/")


def absolute_url(url, site):
    """`url` from `site` if it is site-relative ("/media/x.png"), else unchanged."""
    if site and url.startswith("/") and not url.startswith("//"):
        return f"{site}{url}"
    return url


def absolute_html(fragment, site):
    """Sanitised HTML with its site-relative `src` and `href` attributes made absolute from `site`."""
    if not site or ('="/' not in fragment):
        return fragment
    return TAG.sub(lambda tag: RELATIVE_ATTRIBUTE.sub(rf"\g<1>{site}/", tag.group(0)), fragment)


def absolute_markdown(source, site):
    """Markdown with the site-relative addresses of its links, images and link definitions made
    absolute from `site`; code (blocks and spans) and formulas are left as they are."""
    if not site or not RELATIVE_DESTINATION.search(source):
        return source
    return "\n".join(text if kind == "code" else _absolute_text(text, site) for text, kind in _units(source))


def _absolute_text(text, site):
    formulas = [(match.start(), match.end()) for match in MATH.finditer(text)] if "$" in text else []
    out, index, length = [], 0, len(text)
    while index < length:
        char = text[index]
        if char == "\\" and index + 1 < length:
            out.append(text[index : index + 2])
            index += 2
            continue
        if char == "`":
            end = _code_span_end(text, index) or index + re.match(r"`+", text[index:]).end()
            out.append(text[index:end])
            index = end
            continue
        if char == "$" and (formula := next((end for start, end in formulas if start == index), None)):
            out.append(text[index:formula])
            index = formula
            continue
        if char == "]" and RELATIVE_DESTINATION.match(text, index):
            destination = DESTINATION.match(text, index)
            address_at = destination.start(1) if destination.group(1) is not None else destination.start(2)
            out.append(text[index:address_at] + site)
            index = address_at
            continue
        out.append(char)
        index += 1
    return "".join(out)
