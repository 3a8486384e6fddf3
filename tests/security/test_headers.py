"""Security headers on every kind of page: a strict CSP without inline code, nosniff, referrer policy."""

import pytest

PAGES = ["/", "/reviews/", "/accounts/login/", "/accounts/signup/", "/admin/login/"]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_page_sends_a_strict_content_security_policy(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = dict(part.strip().split(" ", 1) for part in response["Content-Security-Policy"].split(";"))
    assert policy["default-src"] == "'self'"
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
@pytest.mark.parametrize("url", PAGES)
def test_page_html_has_no_inline_script_or_style(client, url):
    html = client.get(url).content.decode()
    assert "<script>" not in html and '<script type="text/javascript">' not in html
    assert ' style="' not in html and "<style" not in html
