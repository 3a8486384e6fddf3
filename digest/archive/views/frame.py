"""base.html's frame around a public page's blocks, rendered once for visitors who are not logged in.

For such a visitor the frame (digest/_page.html around the cached blocks: header, navigation,
language form, footer) differs from another's only by the language form's CSRF token and the
address it returns to. So it is rendered once per release, interface language, kind of page
and set of blocks, with slots for those two and for the blocks, and afterwards only filled in:
rendering it costs more than the rest of a cache hit together. Logged-in visitors, and anyone
with a message to see, get the frame rendered for them (the header shows who they are).
"""

import re

from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from ...release import release_digest

FRAME = "digest/_page.html"  # base.html with the cached blocks in its own
ENABLED = True
SLOT = "\x00frame-slot:{}\x00"
SLOTS = re.compile("\x00frame-slot:([^\x00]*)\x00")
TOKEN, ADDRESS = "csrf-token", "address"
MAX_FRAMES = 512  # languages × kinds of page × sets of blocks: a few dozen in practice

_frames = {}  # key -> [text, slot name, text, slot name, …, text]


def render_frame(request, blocks):
    """The response of a public page: `blocks` ({name: HTML}) inside base.html's frame."""
    if not ENABLED or request.user.is_authenticated or len(get_messages(request)):
        return _rendered(request, blocks)
    match = request.resolver_match
    key = (release_digest(), get_language(), match.view_name if match else "", tuple(blocks))
    parts = _frames.get(key)
    if parts is None:
        parts = _frame_parts(request, blocks)
        if parts is None:  # the address could not be found in the frame: render it for this visitor
            return _rendered(request, blocks)
        if len(_frames) >= MAX_FRAMES:
            _frames.clear()
        _frames[key] = parts
    values = {**blocks, TOKEN: get_token(request), ADDRESS: escape(request.get_full_path())}
    return HttpResponse("".join(part if index % 2 == 0 else values[part] for index, part in enumerate(parts)))


def _rendered(request, blocks):
    return render(request, FRAME, {"page_blocks": {name: mark_safe(html) for name, html in blocks.items()}})


def _frame_parts(request, blocks):
    """The frame rendered with slots, split at them; None when the return address is not where expected."""
    slots = {name: mark_safe(SLOT.format(name)) for name in blocks}
    text = render(request, FRAME, {"page_blocks": slots, "csrf_token": SLOT.format(TOKEN)}).content.decode()
    address = f'name="next" value="{escape(request.get_full_path())}"'
    if text.count(address) != 1:
        return None
    text = text.replace(address, f'name="next" value="{SLOT.format(ADDRESS)}"')
    return SLOTS.split(text)
