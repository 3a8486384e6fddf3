"""The task queue's worker as it runs in production: a real `manage.py qcluster` process.

A worker killed (SIGKILL) in the middle of sending a mail loses nothing: another worker sends it.
With the database as the broker the queue itself hands the job out again once its lock runs out;
with Redis (whose queue forgets a job once a worker took it) the outbox's sweep, which the queue's
scheduler runs, finds the message its dead worker was holding.
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid

import pytest
import redis

from bench.server import ROOT
from tests.smtp import MailServer

REDIS_URL = os.environ.get("DIGEST_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
QUEUE_ONE = (
    "from django.db import transaction\n"
    "from reviews.outbox.services import queue_message\n"
    "with transaction.atomic():\n"
    "    queue_message(kind='test', recipients=['ann@example.org'], subject='Held mail', body='Hello.')\n"
)


def manage(env, *args, **kwargs):
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True,
                          text=True, timeout=120, **kwargs)  # fmt: skip


def start_worker(env, log):
    return subprocess.Popen([sys.executable, "manage.py", "qcluster"], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip


def stop(worker, sig=signal.SIGTERM):
    try:
        os.killpg(worker.pid, sig)
        worker.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=20)


def wait_for(condition, seconds, what):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"waited {seconds} s for {what}")


@pytest.fixture(params=["database", "redis"])
def broker(request):
    if request.param == "database":
        yield {"REDIS_URL": ""}
        return
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError as error:
        pytest.skip(f"needs Redis at {REDIS_URL} (set DIGEST_TEST_REDIS_URL): {error}")
    name = f"digest-test-{uuid.uuid4().hex[:8]}"
    yield {"REDIS_URL": REDIS_URL, "DIGEST_QUEUE_NAME": name, "DJANGO_CACHE_PREFIX": name}
    for key in client.scan_iter(f"*{name}*"):
        client.delete(key)


def outbox_statuses(database):
    with sqlite3.connect(database) as db:
        return db.execute("SELECT status, attempts FROM outbox_message").fetchall()


def test_a_worker_killed_while_sending_loses_no_mail(tmp_path, broker):
    database = tmp_path / "worker.sqlite3"
    with MailServer() as smtp, open(tmp_path / "worker.log", "w") as log:
        env = {
            **os.environ, **smtp.environment(), **broker,
            "DATABASE_URL": f"sqlite:///{database}", "DJANGO_DEBUG": "1", "DIGEST_TASKS_SYNC": "0",
            "DIGEST_TASK_TIMEOUT": "4", "DIGEST_OUTBOX_LEASE_SECONDS": "5", "DJANGO_EMAIL_TIMEOUT": "60",
        }  # fmt: skip
        manage(env, "migrate", "--noinput")
        smtp.handler.release.clear()  # the first delivery hangs in the middle of the mail
        manage(env, "shell", "-c", QUEUE_ONE)

        first = start_worker(env, log)
        try:
            wait_for(smtp.handler.data_started.is_set, 60, "the worker to start sending")
        finally:
            stop(first, signal.SIGKILL)
        # Released before the server has seen the connection close, the held mail would count as delivered.
        wait_for(smtp.handler.sender_gone.is_set, 60, "the mail server to see the killed sender's connection close")
        smtp.handler.release.set()
        with sqlite3.connect(database) as db:
            assert db.execute("SELECT status, attempts FROM outbox_message").fetchall() == [("sending", 1)]

        second = start_worker(env, log)
        try:  # the mail arrives, then the worker records it: wait for the record, not the arrival
            wait_for(lambda: outbox_statuses(database) == [("sent", 2)], 120, "another worker to send the mail")
        finally:
            stop(second)
        assert smtp.handler.subjects == ["Held mail"]
