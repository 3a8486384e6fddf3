"""Layout measured in the browser: the header on a phone, the reading column on a wide screen, and
the review editor's sticky action bar. Boxes come from Playwright's bounding_box."""

import pytest

from reviews.enums import ReviewStatus
from tests.digest.archive import published_issue
from tests.factories import ReviewFactory

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 720}


def boxes(page, selector):
    return [box for box in (item.bounding_box() for item in page.locator(selector).all()) if box and box["width"]]


def rows(found):
    """The rows the boxes sit in: boxes whose vertical middles are within 12 px share a row."""
    middles = sorted(box["y"] + box["height"] / 2 for box in found)
    count = 1
    for above, below in zip(middles, middles[1:], strict=False):
        count += below - above > 12
    return count


def overlap(a, b):
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"] or
                a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])  # fmt: skip


@pytest.mark.parametrize("who", ["reader", "member", "editor"])
@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_header_takes_at_most_two_rows_on_a_phone(page, live_server, login, author, editor, who, language):
    page.set_viewport_size(PHONE)
    if who != "reader":
        login(author.user if who == "member" else editor)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}/me/" if who == "member" else f"{live_server.url}/reviews/")

    parts = boxes(page, ".site-bar > .brand, .site-bar > .site-nav, .site-tools > :not([hidden])")
    assert rows(parts) <= 2
    assert [(a, b) for i, a in enumerate(parts) for b in parts[i + 1 :] if overlap(a, b)] == []
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] for box in parts)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    current = page.locator(".site-nav [aria-current=page]").bounding_box()
    nav = page.locator(".site-nav").bounding_box()
    assert nav["x"] <= current["x"] and current["x"] + current["width"] <= nav["x"] + nav["width"] + 1


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_desk_header_takes_at_most_two_rows_on_a_phone(page, live_server, login, editor, language):
    page.set_viewport_size(PHONE)
    login(editor)
    page.context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
    page.goto(f"{live_server.url}/admin/")

    parts = boxes(page, "#site-name, #user-tools > a, #user-tools > form, #user-tools > .theme-toggle")
    assert len(parts) >= 4
    assert rows(parts) <= 2
    assert all(box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] for box in parts)


def centred(page, selector):
    """The left and right margins of the element's box in the window, in px."""
    box = page.locator(selector).first.bounding_box()
    width = page.evaluate("document.documentElement.clientWidth")
    return box["x"], width - box["x"] - box["width"]


def test_the_issue_and_review_pages_centre_their_column_at_1280(page, live_server, editor):
    issue = published_issue(editor, entries=2, slug="july")
    review = issue.entries.first().review
    page.set_viewport_size(LAPTOP)
    for url in [issue.get_absolute_url(), review.get_absolute_url()]:
        page.goto(live_server.url + url)
        left, right = centred(page, "article.post")
        assert right < 400 and abs(left - right) <= 2, (url, left, right)
        breadcrumbs = page.locator("nav.breadcrumbs").bounding_box()
        assert breadcrumbs["x"] == left  # the whole column moves, not the article alone


def test_the_propose_and_profile_pages_centre_their_column_at_1280(page, live_server, login, author):
    page.set_viewport_size(LAPTOP)
    login(author.user)
    for path in ["/papers/propose/", "/me/profile/"]:
        page.goto(live_server.url + path)
        left, right = centred(page, "#main > .medium")
        assert right < 400 and abs(left - right) <= 2, (path, left, right)


@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["1280", "390"])
def test_typing_at_the_end_of_a_long_review_stays_above_the_sticky_bar(page, live_server, login, author, viewport):
    review = ReviewFactory(reviewer=author, status=ReviewStatus.DRAFT, body="A line of the review.\n" * 80)
    page.set_viewport_size(viewport)
    login(author.user)
    page.goto(f"{live_server.url}/me/reviews/{review.pk}/edit/")
    body = page.locator("textarea[name=body]")
    body.click(position={"x": 40, "y": 20})
    page.keyboard.press("Control+End")
    page.keyboard.type(" And the last words.")

    bar = page.locator(".sticky-actions").bounding_box()
    text = body.bounding_box()
    assert text["y"] + text["height"] <= bar["y"] + 1  # the line being typed is not under the bar
    assert bar["y"] + bar["height"] <= viewport["height"] + 1
    if viewport is LAPTOP:  # beside the preview, the hint sits right under the text: it shows too
        hint = page.locator("#main .helptext").bounding_box()
        assert hint["y"] + hint["height"] <= bar["y"] + 1
