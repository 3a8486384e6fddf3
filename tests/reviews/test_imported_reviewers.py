"""Reviewers named by imported posts: found by handle first, then by a member's address, then by a
name no handle contradicts; else created without an account."""

import pytest

from reviews.services import find_or_create_imported_reviewer
from tests.factories import ReviewerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_handle_finds_the_reviewer_whatever_name_the_copy_kept():
    known = ReviewerFactory(display_name="Евгений", chat_handle="EvgeniyZh", blog_handle="")
    reviewer, how = find_or_create_imported_reviewer(name="", chat_handle="evgeniyzh", blog_handle="Randl")
    assert (reviewer, how) == (known, "handle")
    known.refresh_from_db()
    assert known.blog_handle == "Randl"  # an empty handle is filled in


def test_an_address_finds_the_member_who_has_it():
    member = ReviewerFactory(user=UserFactory(email="egor@ut.ee"), display_name="Egor P.")
    assert find_or_create_imported_reviewer(address="EGOR@ut.ee") == (member, "address")


def test_an_address_nobody_has_names_a_new_reviewer_after_it_and_finds_it_next_time():
    first, how = find_or_create_imported_reviewer(address="maria@cs.example.org")
    assert (first.display_name, first.chat_handle, first.user, how) == ("maria", "", None, "created")
    assert find_or_create_imported_reviewer(address="maria@cs.example.org") == (first, "name")


def test_a_name_whose_handles_clash_is_another_person():
    ReviewerFactory(display_name="Anna Lee", chat_handle="alee")
    reviewer, how = find_or_create_imported_reviewer(name="Anna Lee", chat_handle="anna_l")
    assert how == "created" and reviewer.chat_handle == "anna_l"


def test_a_review_without_a_reviewer_goes_to_the_one_unknown_reviewer():
    first, how = find_or_create_imported_reviewer(fallback_name="Unknown reviewer")
    assert (first.display_name, how) == ("Unknown reviewer", "created")
    assert find_or_create_imported_reviewer(fallback_name="Unknown reviewer") == (first, "name")


def test_a_name_replaces_a_display_name_that_was_only_a_handle():
    known = ReviewerFactory(display_name="evgeniyzh", chat_handle="evgeniyzh")
    find_or_create_imported_reviewer(name="Евгений Ж.", chat_handle="evgeniyzh")
    known.refresh_from_db()
    assert known.display_name == "Евгений Ж."
