"""Public pages rendered once and kept in Django's cache, keyed by what they show.

A public page is its template's blocks (title, head, content, scripts…) inside base.html's frame.
The blocks show only published content, in the interface language, for the address asked; the
frame shows who is logged in, a CSRF token and messages. So the blocks are rendered once and
cached under

    (the page's freshness version, the address, the interface language, the templates' digest)

and each request renders only base.html around them (digest/_page.html). A cache hit costs the
version queries that conditional GET makes anyway (digest/archive/freshness.py), one cache read and the
frame: every visitor, logged in or not, gets the same blocks and their own header.

Nothing is ever invalidated by hand: when what a page shows changes, so does its version (exactly
for an issue or a review; within freshness.LIST_MAX_AGE for lists), and the page is rendered
under a new key; entries nobody reads again expire after DIGEST_PAGE_CACHE_SECONDS. The
"pages" cache is separate from the default one so that pages never evict the export's
converted bodies or anything else. DIGEST_PAGE_CACHE_SECONDS=0 turns the cache off.
"""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, QueryDict
from django.template.context import make_context
from django.template.loader import get_template
from django.template.loader_tags import ExtendsNode
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ...release import release_digest
from .frame import render_frame
from .paging import rows_in_order

CACHE = "pages"
ROWS = "rows"  # rows of lists (rendered_rows)
KEPT_HEADERS = ("Content-Type", "Last-Modified", "X-Robots-Tag")  # of a cached response (cached_response)


def render_page(request, template_name, build_context, *, reads=(), cache=True):
    """The page `template_name` for `request`, its blocks from the cache when current.

    `build_context()` gives the template's context; it runs only when the blocks are not cached
    and may raise Http404; a context with `page_cache` False is shown but not kept. `reads` names
    the query parameters the page reads: others neither change the page nor make new cache
    entries. `cache=False` renders without the cache.
    """
    key = page_key(request, template_name, address_of(request, reads)) if cache else None
    blocks = caches[CACHE].get(key) if key else None
    if blocks is None:
        context = build_context()
        blocks = render_blocks(template_name, context, request)
        if key and context.get("page_cache", True):
            caches[CACHE].set(key, blocks, settings.DIGEST_PAGE_CACHE_SECONDS)
    return render_frame(request, blocks)


def address_of(request, names):
    """The request's path with only the query parameters `names`, in that order: what a page reads."""
    query = QueryDict(mutable=True)
    for name in names:
        if name in request.GET:
            query.setlist(name, request.GET.getlist(name))
    return f"{request.path}?{query.urlencode()}" if query else request.path


def page_key(request, kind, address):
    """The cache key of a page, or None when it is not cached (no version: nothing public there).

    The address is made absolute: pages carry links on the host the reader asked (canonical URL).
    """
    version = getattr(request, "_digest_version", None)  # set by views.conditional
    if version is None or not settings.DIGEST_PAGE_CACHE_SECONDS:
        return None
    where = request.build_absolute_uri(address)
    parts = "|".join([release_digest(), kind, get_language() or "", version.token, where])
    return "page:" + hashlib.blake2b(parts.encode(), digest_size=16).hexdigest()


def render_blocks(template_name, context, request):
    """{block name: HTML} of a template that extends base.html, rendered as base.html would render them."""
    template = get_template(template_name).template
    extends = next(node for node in template.nodelist if isinstance(node, ExtendsNode))  # {% extends %} is first
    context = make_context(context, request, autoescape=template.engine.autoescape)
    with context.render_context.push_state(template), context.bind_template(template):
        context.template_name = template.name
        return {name: str(block.render(context)) for name, block in extends.blocks.items()}


def cached_response(request, build, *, kind):
    """The response `build()` makes, from the cache when current: for responses that show nothing
    but published content, the same for every visitor (see cached_view). Keyed by the full URL."""
    key = page_key(request, kind, request.get_full_path())
    found = caches[CACHE].get(key) if key else None
    if found is None:
        response = build()
        if not key or response.status_code != 200 or response.streaming or response.cookies:
            return response
        found = (response.content, [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)])
        caches[CACHE].set(key, found, settings.DIGEST_PAGE_CACHE_SECONDS)
    content, headers = found
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


def cached_view(view, *, kind):
    """`view` answering from the page cache when current, for views of published content that
    are the same for every visitor (the feeds, the sitemap). Wrap it in views.conditional, which
    sets the version."""

    def cached(request, *args, **kwargs):
        def build():
            response = view(request, *args, **kwargs)
            return response.render() if hasattr(response, "render") else response

        return cached_response(request, build, kind=kind)

    return cached


def rendered_rows(request, render, rows, *, read=None, **extra):
    """The HTML of each row (`render(row, **extra)`), each kept in the rows cache under the
    page's freshness version: lists of many addresses (searches, the archive's pages, reviewers)
    share their rows, so a list not yet cached renders only the rows no other list showed since
    the last publication or edit. Rendered without the request: a row shows only published
    content, the same for every visitor.

    With `read`, `rows` are ids and only the rows not in the cache are read: `read(ids)` gives
    the rows of those ids in any order (an id whose row is gone is left out of the list)."""
    version = getattr(request, "_digest_version", None)
    if version is None or not settings.DIGEST_PAGE_CACHE_SECONDS:
        return [mark_safe(render(row, **extra)) for row in (rows if read is None else rows_in_order(rows, read))]
    name = f"{render.__module__}.{render.__qualname__}"
    parts = "|".join([release_digest(), name, get_language() or "", version.token, repr(sorted(extra.items()))])
    prefix = "row:" + hashlib.blake2b(parts.encode(), digest_size=12).hexdigest()
    ids = rows if read else [row.pk for row in rows]
    keys = [f"{prefix}:{pk}" for pk in ids]
    found = caches[ROWS].get_many(keys)
    missing = [pk for key, pk in zip(keys, ids, strict=True) if key not in found]
    if missing:
        unseen = rows_in_order(missing, read) if read else [row for row in rows if f"{prefix}:{row.pk}" not in found]
        rendered = {f"{prefix}:{row.pk}": render(row, **extra) for row in unseen}
        caches[ROWS].set_many(rendered, settings.DIGEST_PAGE_CACHE_SECONDS)
        found.update(rendered)
    return [mark_safe(found[key]) for key in keys if key in found]
