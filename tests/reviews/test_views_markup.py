"""Every member page: no inline script or style (strict CSP), and every field has a label."""

import re
from html.parser import HTMLParser

import pytest

from reviews import services
from tests.factories import AssignmentFactory, PaperFactory, ReviewFactory


class _Fields(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fields, self.labels, self.inline = [], set(), []
        self._open_labels = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.inline.append(f"style on <{tag}>")
        if any(name.startswith("on") for name in attrs):
            self.inline.append(f"handler on <{tag}>")
        if tag == "script" and "src" not in attrs:
            self.inline.append("inline <script>")
        if tag == "label":
            self._open_labels += 1
            if attrs.get("for"):
                self.labels.add(attrs["for"])
        hidden = attrs.get("type") in {"hidden", "submit", "button"} or "hidden" in attrs
        if tag in {"input", "select", "textarea"} and not hidden:
            self.fields.append((attrs.get("id"), attrs.get("name"), self._open_labels > 0))

    def handle_endtag(self, tag):
        if tag == "label":
            self._open_labels -= 1


def unlabelled(html):
    parser = _Fields()
    parser.feed(html)
    missing = [name for field_id, name, wrapped in parser.fields if not wrapped and field_id not in parser.labels]
    return missing, parser.inline


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password_reset/",
        "/papers/",
        "/papers/propose/",
        "/papers/{paper}/",
        "/me/",
        "/me/profile/",
        "/me/reviews/{review}/",
        "/me/reviews/{review}/edit/",
    ],
)
def test_pages_have_labelled_fields_and_nothing_inline(client, author, editor, path):
    paper = PaperFactory()
    review = ReviewFactory(reviewer=author, status="submitted")
    services.request_changes(review, by=editor, comment="More, please.")
    AssignmentFactory(reviewer=author, status="offered")
    if not path.startswith("/accounts/"):
        client.force_login(author.user)
    page = client.get(path.format(paper=paper.pk, review=review.pk)).content.decode()
    assert unlabelled(page) == ([], [])


@pytest.mark.django_db
def test_the_conflict_page_has_labelled_fields_and_nothing_inline(client, author):
    review = ReviewFactory(reviewer=author, status="draft", body="One.")
    services.update_review(review, by=author.user, body="Two.", expected_version=1)
    client.force_login(author.user)
    response = client.post(
        f"/me/reviews/{review.pk}/edit/", {"body": "<script>alert(1)</script>", "version": 1, "language": "en"}
    )
    page = response.content.decode()
    assert unlabelled(page) == ([], [])
    assert re.findall(r"<script>alert", page) == []  # the posted text is shown escaped
    assert page.count("&lt;script&gt;alert(1)&lt;/script&gt;") == 3  # diff, "keep mine", merge box
