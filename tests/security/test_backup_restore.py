"""The backup and restore paths of docs/backup.md, run as written, end to end.

Content: the example posts imported from tests/fixtures, plus reviews in every state with their
versions and decisions, a planned issue, a translation, an invitation, topics, the Editors group.
It is backed up, restored into an empty database by the documented commands (run as separate
processes, like an administrator would), and the restored database must export every issue in
every format byte for byte as the original did, and hold every row of every table.
"""

import contextlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from digest import services as issue_services
from digest.importer.load import import_post
from digest.models import Issue, Series
from reviews import services
from reviews.models import Paper, Review
from tests.factories import EditorFactory, ReviewerFactory, TopicFactory, UserFactory
from tests.security.snapshot import snapshot

pytestmark = pytest.mark.django_db(transaction=True)  # committed: pg_dump reads the database from outside

POSTS = Path(__file__).resolve().parents[2] / "digest" / "demo"  # the example posts, shipped as demo content
TIMESTAMP = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)(?:\.(\d{3})\d{3})?(\+00:00)$")
DUMP = ["--natural-foreign", "--natural-primary", "-e", "contenttypes", "-e", "auth.permission", "-e", "django_q"]


def build_content():
    for name, series in [
        ("ods-2018-02-03-en.html", "Reading articles for you"),
        ("ods-2019-07-09-ru.txt", "Читаем статьи за вас"),
        ("ods-2020-en.txt", "Reading articles for you"),
    ]:
        import_post((POSTS / name).read_text(encoding="utf-8"), series_name=series, source=name)
    editor = EditorFactory(username="editor@example.org")
    author = ReviewerFactory(user=UserFactory(username="author@example.org"), display_name="Ann Author")
    topic = TopicFactory(name="Vision", slug="vision")
    reviews = {}
    for number, state in enumerate(["draft", "submitted", "changes_requested", "approved", "approved", "rejected"]):
        paper = services.propose_paper(
            by=author.user, title=f"Paper number {number}", authors="A. Author", year=2021, topics=[topic],
            links=[("code", "Code", f"https://example.org/code/{number}")],
        )  # fmt: skip
        review = services.start_review(paper=paper, reviewer=author, by=author.user, body=f"First draft {number}.")
        review = services.update_review(
            review, by=author.user, body=f"Second draft {number}: $x_{number}^2$\n\n| a | b |\n|---|---|\n| 1 | 2 |",
            expected_version=1,
        )  # fmt: skip
        if state != "draft":
            services.submit_review(review, by=author.user)
        if state in {"changes_requested", "rejected"}:
            getattr(services, {"changes_requested": "request_changes", "rejected": "reject_review"}[state])(
                review, by=editor, comment="Say more about the data."
            )
        if state == "approved":
            services.approve_review(review, by=editor, comment="Good.")
        reviews.setdefault(state, []).append(Review.objects.get(pk=review.pk))
    series = Series.objects.get(name="Reading articles for you")
    planned = issue_services.create_issue(series=series, period_start=Issue.objects.first().period_end.replace(day=1))
    issue_services.add_reviews_to_issue(planned, reviews["approved"], by=editor)
    english = reviews["approved"][0]
    services.start_review(
        paper=english.paper, reviewer=author, by=author.user, language="ru", body="Перевод.", translation_of=english
    )
    services.invite_reviewer(email="new@example.org", by=editor)
    services.reject_paper(Paper.objects.create(title="Paper number 0 again"), by=editor)


def restored_snapshot(database_url, *steps):
    """Run the documented commands against `database_url`, each its own process, then read it back."""
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_DEBUG": "1"}
    for step in steps:
        subprocess.run([sys.executable, "manage.py", *step], cwd=settings.BASE_DIR, env=env, check=True,
                       capture_output=True, timeout=300)  # fmt: skip
    read = [sys.executable, "manage.py", "shell", "-v", "0", "-c", "from tests.security.snapshot import main; main()"]
    result = subprocess.run(read, cwd=settings.BASE_DIR, env=env, check=True, capture_output=True, timeout=300)
    return json.loads(result.stdout)


@pytest.fixture
def original(tmp_path):
    build_content()
    assert Review.objects.count() == 29 and Issue.objects.count() == 4  # 22 imported, 7 written here
    expected = json.loads(json.dumps(snapshot(), ensure_ascii=False))
    assert len(expected["exports"]) == 4 * 5
    assert len(expected["tables"]["reviews.HistoricalReview"]) > Review.objects.count()
    return expected


def to_milliseconds(content):
    """Django's JSON serializer writes times to the millisecond (ECMA-262): what a JSON backup keeps.
    (Its XML serializer keeps microseconds but strips the whitespace around every text: worse.)"""
    tables = {
        label: sorted(
            [TIMESTAMP.sub(lambda m: f"{m[1]}.{m[2] or '000'}{m[3]}", value) for value in row] for row in rows
        )
        for label, rows in content["tables"].items()
    }
    return {**content, "tables": tables}


def assert_same(restored, original):
    assert restored["exports"].keys() == original["exports"].keys()
    for name, text in original["exports"].items():
        assert restored["exports"][name] == text, f"{name} exports differently after the restore"
    differing = [label for label in original["tables"] if restored["tables"].get(label) != original["tables"][label]]
    assert differing == []
    assert restored["searches"] == original["searches"] and any(original["searches"].values())


def test_dumpdata_restores_into_an_empty_database_with_every_export_identical(original, tmp_path):
    backup = tmp_path / "backup.json"
    call_command("dumpdata", *DUMP, "--indent", "2", "-o", str(backup), stdout=io.StringIO())
    if connection.vendor == "sqlite":
        url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        restored = restored_snapshot(url, ["migrate", "--noinput"], ["loaddata", str(backup)])
    else:
        with scratch_database() as url:
            restored = restored_snapshot(url, ["migrate", "--noinput"], ["loaddata", str(backup)])
    assert_same(to_milliseconds(restored), to_milliseconds(original))


def test_the_databases_own_backup_restores_everything(original, tmp_path):
    """SQLite: a copy of the file made while the app runs (`sqlite3 db.sqlite3 ".backup backup.sqlite3"`,
    here Python's Connection.backup, the same API). PostgreSQL: `pg_dump -Fc`, `pg_restore` into an
    empty database."""
    if connection.vendor == "sqlite":
        copy = tmp_path / "backup.sqlite3"
        with sqlite3.connect(copy) as target:
            connection.ensure_connection()
            connection.connection.backup(target)
        assert_same(restored_snapshot(f"sqlite:///{copy}"), original)
        return
    assert shutil.which("pg_dump") and shutil.which("pg_restore"), "PostgreSQL's client tools are needed"
    source = connection.settings_dict
    server = ["-h", source["HOST"], "-p", str(source["PORT"]), "-U", source["USER"]]
    env = {**os.environ, "PGPASSWORD": source["PASSWORD"] or ""}
    backup = tmp_path / "digest.dump"
    subprocess.run(["pg_dump", "-Fc", *server, "-f", str(backup), source["NAME"]], check=True, env=env)
    with scratch_database() as url:
        restore = ["pg_restore", "--no-owner", *server, "-d", url.rsplit("/", 1)[1], str(backup)]
        subprocess.run(restore, check=True, env=env, capture_output=True)
        assert_same(restored_snapshot(url), original)


@contextlib.contextmanager
def scratch_database():
    """An empty PostgreSQL database beside the test database (its URL), dropped afterwards."""
    source = connection.settings_dict
    name = f"{source['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    password = f":{source['PASSWORD']}" if source["PASSWORD"] else ""
    try:
        yield f"postgres://{source['USER']}{password}@{source['HOST']}:{source['PORT']}/{name}"
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
