"""Hostile markdown never becomes live markup: the renderer's output stays within the allow-list.

The same corpus goes through every place markdown is shown; the browser test
(tests/browser/test_hostile_pages.py) loads those pages in Chromium.
"""

import pytest

from reviews.markdown import render_markdown
from tests.html_checks import unsafe_parts
from tests.security.payloads import EVIL_HOST, PAYLOADS

IDS = list(PAYLOADS)


def test_the_corpus_has_at_least_sixty_payloads():
    assert len(PAYLOADS) >= 60


@pytest.mark.parametrize("name", IDS)
@pytest.mark.parametrize("math", ["katex", "mathml"])
def test_rendered_payload_stays_within_the_allow_list(name, math):
    html = render_markdown(PAYLOADS[name], math=math)
    assert unsafe_parts(html) == []
    assert f"//{EVIL_HOST}" not in html or "<a " in html  # a plain link is fine; a fetched resource is not


@pytest.mark.django_db
@pytest.mark.parametrize("name", IDS)
def test_preview_endpoint_returns_only_allowed_markup(client, author, name):
    client.force_login(author.user)
    response = client.post("/markdownx/markdownify/", {"content": PAYLOADS[name]})
    assert response.status_code == 200
    assert unsafe_parts(response.content.decode()) == []
