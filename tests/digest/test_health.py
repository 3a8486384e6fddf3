"""`/healthz` for load balancers and monitors, and the request id on every log line and response."""

import json
import logging
import subprocess
import sys

import pytest
from django.utils import timezone

from reviews.outbox.models import Message
from tests.test_settings import ROOT


@pytest.mark.django_db
def test_healthz_answers_200_with_each_check_when_all_is_well(client):
    response = client.get("/healthz")
    body = json.loads(response.content)
    assert (response.status_code, body["status"]) == (200, "ok")
    assert {name: check["ok"] for name, check in body["checks"].items()} == {
        "database": True,
        "cache": True,
        "queue": True,
    }
    assert body["checks"]["queue"]["jobs"]["broker"] == "orm"
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_healthz_answers_503_when_mail_has_waited_too_long_for_a_worker(client, settings):
    settings.DIGEST_HEALTH_MAX_QUEUE_AGE = 600
    Message.objects.create(kind="x", recipients="a@example.org", subject="s", body="b",
                           next_attempt_at=timezone.now() - timezone.timedelta(minutes=11))  # fmt: skip
    response = client.get("/healthz")
    body = json.loads(response.content)
    assert (response.status_code, body["status"], body["checks"]["queue"]["ok"]) == (503, "failing", False)
    assert body["checks"]["queue"]["outbox"]["due"] == 1
    assert "is the worker running?" in body["checks"]["queue"]["error"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_cache_fails(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    response = client.get("/healthz")
    body = json.loads(response.content)
    assert (response.status_code, body["checks"]["cache"]["ok"], body["checks"]["database"]["ok"]) == (503, False, True)


@pytest.mark.django_db
def test_every_response_carries_a_request_id_and_the_logs_of_that_request_name_it(client, caplog):
    with caplog.at_level(logging.WARNING):
        response = client.get("/no-such-page/")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    assert [record.request_id for record in caplog.records if record.name == "django.request"] == [request_id]


def test_logs_are_one_json_object_a_line_when_asked():
    code = "import logging; logging.getLogger('digest.test').warning('mail failed:\\nsecond line')"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT, capture_output=True, text=True, timeout=120,
        env={"PATH": "/usr/bin:/bin", "DJANGO_LOG_FORMAT": "json"},
    )  # fmt: skip
    [line] = result.stderr.splitlines()
    record = json.loads(line)
    assert (record["level"], record["logger"], record["message"], record["request_id"]) == (
        "WARNING", "digest.test", "mail failed:\nsecond line", "none"
    )  # fmt: skip


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "False []"),
        (
            {"SENTRY_DSN": "http://key@127.0.0.1:9/1", "DJANGO_ADMINS": "Ann Admin <ann@example.org>, ops@example.org"},
            "True [('Ann Admin', 'ann@example.org'), ('', 'ops@example.org')]",
        ),
    ],
)
def test_sentry_starts_only_with_a_dsn_and_admins_come_from_the_environment(env, expected):
    code = "import sentry_sdk; from django.conf import settings; print(sentry_sdk.is_initialized(), settings.ADMINS)"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", code],
        cwd=ROOT, capture_output=True, text=True, timeout=120, env={"PATH": "/usr/bin:/bin", **env},
    )  # fmt: skip
    assert result.stdout.strip() == expected, result.stderr
