"""`manage.py seed_demo` gives every screen something real, and running it twice changes nothing."""

import pytest
from django.core.management import call_command

from digest.models import Issue, Series
from reviews.models import Assignment, Paper, Review, Reviewer


def counts():
    return [m.objects.count() for m in (Series, Issue, Paper, Review, Reviewer, Assignment)]


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_covers_every_state(capsys):
    call_command("seed_demo")
    first_output = capsys.readouterr().out
    assert "editor@example.org — password:" in first_output
    assert "Imported ods-2019-07-09-ru.txt: Created 9 papers, 8 reviewers, 9 reviews, 1 issue" in first_output
    before = counts()
    call_command("seed_demo")
    assert capsys.readouterr().out == "Demo content already present; nothing to do.\n"  # no password, no import
    assert counts() == before
    states = set(Review.objects.values_list("status", flat=True))
    assert {"draft", "submitted", "changes_requested", "approved", "published"} <= states
    assert Issue.objects.filter(status="planned").exists()


@pytest.mark.django_db
def test_seed_demo_loads_the_example_posts_through_the_importer():
    call_command("seed_demo")
    published = {
        (issue.series.slug, str(issue), issue.entries.count())
        for issue in Issue.objects.published().select_related("series")
    }
    assert published == {
        ("chitaem-stati-za-vas", "Рубрика «Читаем статьи за вас». Июль — Сентябрь 2019", 9),
        ("reading-articles-for-you", "Reading articles for you. February — March 2018", 6),
        ("reading-articles-for-you", "Reading articles for you. June 2020", 7),
    }
    assert Review.objects.published().filter(reviewer__user=None).count() == 22
    assert Reviewer.objects.get(chat_handle="error_derivative").reviews.count() == 2
