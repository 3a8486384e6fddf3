"""A review page's description (meta, OpenGraph, Twitter): the first 200 characters of the review's
text as Truncator counts them, the same whether the body is short or long."""

import pytest
from bs4 import BeautifulSoup
from django.utils.text import Truncator

from tests.digest.archive import published_review

pytestmark = pytest.mark.django_db

ACCENTED = "e\u0301"  # "é" as a letter and a combining accent: two characters, Truncator counts one


def description(client, review):
    soup = BeautifulSoup(client.get(review.get_absolute_url()).content, "html.parser")
    return soup.select_one("meta[name=description]")["content"]


def test_a_long_body_is_summarised_from_its_first_words(client, editor):
    review = published_review(editor, body="".join(f"Paragraph {n} says something.\n\n" for n in range(300)))
    text = " ".join(f"Paragraph {n} says something." for n in range(300))
    assert description(client, review) == Truncator(text).chars(200)
    assert description(client, review).startswith("Paragraph 0 says something. Paragraph 1")


def test_combining_characters_do_not_count_towards_the_summary(client, editor):
    # The first paragraph is 300 characters, 150 as Truncator counts them: the summary goes on into the next.
    review = published_review(editor, body=f"{ACCENTED * 150}\n\n" + "word " * 400)
    assert description(client, review) == Truncator(f"{ACCENTED * 150} " + "word " * 400).chars(200)
    assert "word" in description(client, review)


@pytest.mark.parametrize("letters", [199, 200])  # with the accent: 200 and 201 as Truncator counts them
def test_a_first_paragraph_of_the_summary_s_length_is_cut_as_the_whole_text_is(client, editor, letters):
    first = ACCENTED + "a" * letters
    review = published_review(editor, body=f"{first}\n\n" + "word " * 400)
    assert description(client, review) == Truncator(first + " word" * 400).chars(200)


def test_a_short_body_is_its_own_summary(client, editor):
    review = published_review(editor, body="Short *and* sweet.")
    assert description(client, review) == "Short and sweet."
