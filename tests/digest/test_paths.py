"""Addresses of public pages from a route's pattern reversed once: the same as reverse() gives."""

import pytest
from django.urls import reverse, set_script_prefix

from digest.archive.paths import path_to


@pytest.mark.parametrize(
    ("name", "argument"),
    [
        ("review_detail", 7),
        ("review_detail", 1234567890123),
        ("reviewer_detail", "ann-smith_2"),
        ("issue_detail", "2024-05"),
        ("issue_detail", "март-2024"),  # a slug in another script is quoted as reverse() quotes it
        ("issue_detail", "a b&c?d#e%f"),
    ],
)
def test_an_address_is_what_reverse_gives(name, argument):
    assert path_to(name, argument) == reverse(name, args=[argument])


def test_an_address_follows_the_script_prefix():
    try:
        set_script_prefix("/digest/")
        assert path_to("review_detail", 5) == "/digest/reviews/5/" == reverse("review_detail", args=[5])
    finally:
        set_script_prefix("/")
    assert path_to("review_detail", 5) == "/reviews/5/"


def test_an_address_follows_the_requests_url_configuration(client, settings):
    from django.urls import set_urlconf

    try:
        set_urlconf("tests.digest.urls_prefixed")
        assert path_to("review_detail", 5) == "/prefixed/reviews/5/" == reverse("review_detail", args=[5])
    finally:
        set_urlconf(None)
    assert path_to("review_detail", 5) == "/reviews/5/"


@pytest.mark.parametrize(
    "tag",
    [
        "'issues_feed_rss'",
        "'home'",
        "'series_feed_atom' slug",
        "'issue_detail' slug",
        "'review_detail' 42",
    ],
)
def test_the_path_tag_writes_what_the_url_tag_writes(tag):
    from django.template import Context, Template

    context = Context({"slug": "март & <b>"})
    for prefix in ["/", "/digest/"]:
        try:
            set_script_prefix(prefix)
            for _ in range(2):  # reversed, then remembered
                written = Template("{% load addresses %}{% path " + tag + " %}").render(context)
                assert written == Template("{% url " + tag + " %}").render(context)
                assert written.startswith(prefix)
        finally:
            set_script_prefix("/")


def test_the_path_tag_takes_one_argument_at_most():
    from django.template import Context, Template, TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        Template("{% load addresses %}{% path 'issue_detail' 'a' 'b' %}").render(Context())
