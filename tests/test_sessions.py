"""Sessions without Redis live in the database (digest/sessions.py): Django's rows and signed data,
each read in one query, an expired or unknown one giving a visitor without a session."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DjangosSessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from digest.sessions import SessionStore

pytestmark = pytest.mark.django_db


def djangos_session_for(user):
    store = DjangosSessionStore()
    store.update(
        {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
    )
    store.create()
    store.save()
    return store.session_key


def test_the_site_keeps_its_sessions_with_this_engine():
    assert settings.SESSION_ENGINE == "digest.sessions"


def test_a_session_written_by_djangos_engine_logs_the_editor_in_in_one_query(client, editor):
    client.cookies[settings.SESSION_COOKIE_NAME] = djangos_session_for(editor)
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/admin/reviews/review/")
    assert response.status_code == 200
    assert len([query for query in queries.captured_queries if "django_session" in query["sql"]]) == 1


def test_a_session_written_here_reads_with_djangos_engine(editor):
    store = SessionStore()
    store["note"] = "kept"
    store.create()
    store.save()
    assert DjangosSessionStore(store.session_key).load() == {"note": "kept"}
    assert SessionStore(store.session_key).load() == {"note": "kept"}


def test_an_expired_session_logs_nobody_in(client, editor):
    key = djangos_session_for(editor)
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    response = client.get("/admin/reviews/review/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_an_unknown_session_is_empty_and_saved_under_a_new_key():
    store = SessionStore("x" * 32)
    assert store.load() == {}
    store["note"] = "new"
    store.save()
    assert store.session_key != "x" * 32
    assert SessionStore(store.session_key).load() == {"note": "new"}
