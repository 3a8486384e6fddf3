"""The task queue, django-q2 (why: docs/queue.md). The one module of ours that names it.

Jobs are dotted paths of plain functions with JSON-friendly arguments. They are handed to the
queue once the transaction that wrote their data commits; whatever they work on (an outbox row)
was written inside that transaction, so a job that never reaches the queue (the process died
between commit and hand-over, Redis did not answer) is found again by the sweep that runs every
minute (`deliver_due`).
"""

import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

logger = logging.getLogger("digest.queue")


def enqueue_on_commit(func, *args):
    """Run `func(*args)` on a worker after the current transaction commits (at once outside one)."""
    transaction.on_commit(lambda: enqueue(func, *args), robust=True)


def enqueue(func, *args):
    from django_q.tasks import async_task

    return async_task(func, *args, sync=settings.DIGEST_TASKS_SYNC)


def broker_name():
    return "redis" if settings.Q_CLUSTER.get("redis") else "orm"


def depth():
    """Jobs waiting in the queue, and how long the oldest has waited (seconds; None if unknown)."""
    if broker_name() == "redis":
        from django_q.brokers import get_broker

        return {"broker": "redis", "waiting": get_broker().queue_size(), "oldest_seconds": None}
    from django.db.models import Min
    from django_q.models import OrmQ

    now = timezone.now()
    waiting = OrmQ.objects.filter(lock__lte=now)
    found = waiting.aggregate(oldest=Min("lock"))["oldest"]
    return {
        "broker": "orm",
        "waiting": waiting.count(),
        "oldest_seconds": round((now - found).total_seconds(), 1) if found else 0,
    }
