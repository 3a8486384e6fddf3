"""`manage.py seed_demo` gives every screen something real, and running it twice changes nothing."""

import pytest
from django.core.management import call_command

from digest.models import Issue, Series
from reviews.models import Assignment, Paper, Review


def counts():
    return [m.objects.count() for m in (Series, Issue, Paper, Review, Assignment)]


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_covers_every_state(capsys):
    call_command("seed_demo")
    first_output = capsys.readouterr().out
    assert "editor@example.org — password:" in first_output
    before = counts()
    call_command("seed_demo")
    assert "password" not in capsys.readouterr().out  # printed once
    assert counts() == before
    states = set(Review.objects.values_list("status", flat=True))
    assert {"draft", "submitted", "changes_requested", "approved", "published"} <= states
    assert Issue.objects.filter(status="published").exists() and Issue.objects.filter(status="planned").exists()
