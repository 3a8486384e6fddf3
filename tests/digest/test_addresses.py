"""Review and reviewer addresses filled in from the view's address reversed once: what reverse() gives."""

import pytest
from django.urls import reverse, set_script_prefix

from digest.archive.addresses import address


@pytest.fixture
def prefix():
    yield set_script_prefix
    set_script_prefix("/")


@pytest.mark.parametrize("pk", [1, 42, 2**63 - 1])
def test_a_review_address_is_reverses(pk):
    assert address("review_detail", pk) == reverse("review_detail", args=[pk])


@pytest.mark.parametrize("slug", ["ann", "valeria-rodríguez", "ольга-петрова", "a b&c?d#e%f", "x:y@z~!$'()*+,;="])
def test_a_reviewer_address_is_quoted_as_reverse_quotes_it(slug):
    assert address("reviewer_detail", slug) == reverse("reviewer_detail", args=[slug])


def test_each_script_prefix_has_its_own_addresses(prefix):
    assert address("review_detail", 7) == "/reviews/7/"
    prefix("/digest/")
    assert address("review_detail", 7) == reverse("review_detail", args=[7]) == "/digest/reviews/7/"
    assert address("reviewer_detail", "ann") == "/digest/reviewers/ann/"
