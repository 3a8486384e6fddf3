"""Limits on how much one person or one address may ask of the server, and who the client is.

- `client_ip`: the visitor's address. Behind the TLS proxy (`DJANGO_BEHIND_TLS_PROXY`) it is read
  from X-Forwarded-For with django-ipware, counting `DJANGO_PROXY_COUNT` proxies from the right,
  so that a forged header cannot choose it; otherwise REMOTE_ADDR. django-axes, the rate limits
  and the logs all use it.
- `limited(request, action)`: per-user (or per-address for visitors) rate limits on the cache
  (django-ratelimit), for the work a member can make the server do: previews, autosaves,
  uploads, arXiv look-ups, sign-ups. The caller answers 429 with `retry_message`.
- `AddressLockoutBackend`: besides django-axes's lock of one account from one address, an
  address that fails many log-ins across accounts (password spraying) is locked out too, with a
  higher threshold so that a shared office or NAT is not locked out by one person's typos.
"""

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage
from ipware import get_client_ip


def client_ip(request):
    proxies = settings.DIGEST_PROXY_COUNT
    if proxies:
        # Each proxy appends the address it was reached from; the client is the `proxies`-th from the right.
        found, _routable = get_client_ip(
            request, proxy_count=proxies - 1, strict=False, request_header_order=["HTTP_X_FORWARDED_FOR"]
        )
        if found:
            return found
    return request.META.get("REMOTE_ADDR", "")


def _key(group, request):
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_ip(request)}"


def limited(request, action, *, size=0):
    """True when `request`'s user (or address) has used up `action`'s rate (DIGEST_RATE_LIMITS).

    A request counts once per started DIGEST_RATE_UNIT_BYTES of `size` (the text it asks to render):
    at 60/m a member previews 60 short texts a minute, or 3 of 200 KB.
    """
    rate = settings.DIGEST_RATE_LIMITS.get(action)
    if not rate:
        return False
    usage = get_usage(request, group=f"digest.{action}", key=_key, rate=rate, increment=False)
    if usage and usage["should_limit"]:  # refused already: one look at the cache, no count
        return True
    for _unit in range(max(1, -(-size // settings.DIGEST_RATE_UNIT_BYTES))):
        usage = get_usage(request, group=f"digest.{action}", key=_key, rate=rate, increment=True)
    return bool(usage and usage["should_limit"])


def retry_message():
    return _("You are going too fast: wait a minute and try again. Nothing you typed is lost.")


def _address_usage(request, increment):
    return get_usage(
        request,
        group="digest.login-failures",
        key=lambda group, request: f"ip:{client_ip(request)}",
        rate=settings.DIGEST_LOGIN_FAILURES_PER_ADDRESS,
        increment=increment,
    )


def address_locked_out(request):
    usage = _address_usage(request, increment=False)
    return bool(usage and usage["count"] >= usage["limit"])


class AddressLockoutBackend:
    """Before ModelBackend: refuses every log-in from an address that failed too often."""

    def authenticate(self, request, **credentials):
        if request is not None and address_locked_out(request):
            request.axes_locked_out = True  # django-axes's middleware answers with the lock-out page (429)
            raise PermissionDenied
        return None  # (no get_user: sessions belong to ModelBackend)


@receiver(user_login_failed)
def _count_failure_by_address(sender, credentials, request=None, **kwargs):
    if request is not None and not getattr(request, "axes_locked_out", False):
        _address_usage(request, increment=True)
