"""The desk's nav sidebar (Django's admin/nav_sidebar.html), rendered once per kind of visitor.

Every desk page but the issue workspace shows it: the models the user may see, linked, the
current one marked. Django builds it on each request: the app list (about 60 permission checks
and 20 URL reversals, ~2.5 ms) and its template (~2 ms). What it shows depends only on who may do
what, where and in which language: whether the user is active, staff or superuser, their
permissions (read afresh on each request, so a change counts from the next one), the URLs (their
configuration and prefix), the page's path and the active language. Under that key, Django's own
template renders it the first time and this process keeps it. The model admins decide what a
user sees from those alone: their has_*_permission methods read the user's permissions and
nothing else (a model admin that looked at more would have to be part of the key).
"""

from collections import OrderedDict

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

TEMPLATE = "admin/nav_sidebar.html"
MAX_KEPT = 512  # the oldest go first (a sidebar is ~5 kB)

_rendered = OrderedDict()


def _who(user):
    if user.is_active and user.is_superuser:
        return ("superuser",)  # may do everything: no permissions to read
    return (user.is_active, user.is_staff, frozenset(user.get_all_permissions()))


def nav_sidebar(context):
    request = context["request"]
    urls = (get_urlconf() or settings.ROOT_URLCONF, get_script_prefix())
    key = (get_language(), urls, request.path, _who(request.user))
    html = _rendered.get(key)
    if html is not None:
        return html
    with context.push():
        html = context.template.engine.get_template(TEMPLATE).render(context)
    _rendered[key] = html
    if len(_rendered) > MAX_KEPT:
        _rendered.popitem(last=False)
    return html
