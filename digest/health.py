"""`/healthz`: what a load balancer or a monitor asks. JSON; 200 when all is well, else 503.

Checks the database and the cache answer, and that the task queue's worker keeps up: how many
jobs wait, and how long the oldest job and the oldest due outbox message have waited. Past
`DIGEST_HEALTH_MAX_QUEUE_AGE` seconds the worker is taken to be down (mail would be late).
"""

import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Min
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from reviews.outbox import queue
from reviews.outbox.models import Message

logger = logging.getLogger("digest.health")


def _database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return {}


def _cache():
    key, value = f"healthz-{uuid.uuid4().hex}", "ok"
    cache.set(key, value, 10)
    found = cache.get(key)
    cache.delete(key)
    if found != value:
        raise RuntimeError("the cache did not keep a value")
    return {}


def _queue():
    now = timezone.now()
    due = Message.objects.pending().filter(next_attempt_at__lte=now)
    oldest_due = due.aggregate(oldest=Min("next_attempt_at"))["oldest"]
    jobs = queue.depth()
    outbox = {
        "due": due.count(),
        "oldest_due_seconds": round((now - oldest_due).total_seconds(), 1) if oldest_due else 0,
        "failed": Message.objects.failed().count(),
    }
    limit = settings.DIGEST_HEALTH_MAX_QUEUE_AGE
    late = max(outbox["oldest_due_seconds"], jobs["oldest_seconds"] or 0)
    result = {"jobs": jobs, "outbox": outbox, "max_age_seconds": limit}
    if late > limit:
        raise LateQueue(result, late)
    return result


class LateQueue(Exception):
    def __init__(self, details, late):
        super().__init__(f"the oldest waiting job or message is {late:.0f} s old: is the worker running?")
        self.details = details


CHECKS = {"database": _database, "cache": _cache, "queue": _queue}


@never_cache
def healthz(request):
    checks, healthy = {}, True
    for name, check in CHECKS.items():
        try:
            checks[name] = {"ok": True, **check()}
        except LateQueue as late:
            healthy = False
            checks[name] = {"ok": False, "error": str(late), **late.details}
        except Exception as error:
            healthy = False
            logger.warning("Health check %s failed: %s: %s", name, type(error).__name__, error)
            checks[name] = {"ok": False, "error": type(error).__name__}
    body = {"status": "ok" if healthy else "failing", "checks": checks}
    return JsonResponse(body, status=200 if healthy else 503)
