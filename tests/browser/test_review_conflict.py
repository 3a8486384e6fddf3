"""Never overwrite silently: two browsers edit one review; and a closed tab loses nothing.

The author and an editor open the same draft in two browser contexts. The editor saves first;
the author's autosave is refused as a conflict, and saving shows both versions side by side.
"""

import re

from playwright.sync_api import expect

from reviews.models import Review
from tests.factories import ReviewFactory


def log_in(page, base, username, password="correct horse battery staple"):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("E-mail or username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def test_a_save_made_elsewhere_is_never_overwritten(page, live_server, console_errors, browser, login, author, editor):
    review = ReviewFactory(reviewer=author, status="draft", body="The paper is about attention.\n")
    base, edit_url = live_server.url, f"{live_server.url}/me/reviews/{review.pk}/edit/"

    login(author.user)  # the shared fixture finds the login form's fields by their labels
    page.goto(edit_url)
    mine = page.locator("textarea[name=body]")

    desk = browser.new_context().new_page()
    log_in(desk, base, editor.username)
    desk.goto(edit_url)
    desk.locator("textarea[name=body]").fill("The paper is about attention.\nThe editor adds a line.\n")
    desk.get_by_role("button", name="Save draft").click()
    expect(desk.locator(".message.success")).to_contain_text("Draft saved.")
    desk.context.close()

    # The author keeps typing on the old version: autosave notices and overwrites nothing.
    mine.fill("The paper is about attention.\nThe author adds a different line.\n")
    expect(page.locator("#conflict-notice")).to_be_visible()
    expect(page.locator("#save-status")).to_contain_text("Someone saved this review elsewhere.")
    assert Review.objects.get(pk=review.pk).body == "The paper is about attention.\nThe editor adds a line.\n"

    # Saving shows both versions side by side.
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("This review was saved elsewhere meanwhile")
    changed = page.locator("#conflict-diff tr.changed")
    expect(changed).to_have_count(1)
    expect(changed.locator("td.left")).to_have_text("The editor adds a line.")
    expect(changed.locator("td.right")).to_have_text("The author adds a different line.")

    # Merge by hand: both lines, saved on top of the editor's version.
    merge = page.get_by_label("Your text, to merge into")
    merge.fill("The paper is about attention.\nThe editor adds a line.\nThe author adds a different line.\n")
    page.get_by_role("button", name="Save the merged text").click()
    expect(page.locator(".message.success")).to_contain_text("Draft saved.")
    expect(page).to_have_url(edit_url)
    expect(page.locator("#restore-notice")).to_be_hidden()
    saved = Review.objects.get(pk=review.pk)
    assert (saved.body, saved.version) == (
        "The paper is about attention.\nThe editor adds a line.\nThe author adds a different line.\n",
        3,
    )
    assert console_errors == []


def test_text_typed_after_the_session_ended_is_offered_back(page, live_server, console_errors, author):
    review = ReviewFactory(reviewer=author, status="draft", body="Saved text.\n")
    base, edit_url = live_server.url, f"{live_server.url}/me/reviews/{review.pk}/edit/"
    log_in(page, base, author.user.username)
    page.goto(edit_url)
    page.context.clear_cookies(name="sessionid")  # the session is gone, as after it expired

    page.locator("textarea[name=body]").fill("Saved text.\nTyped after the session ended.\n")
    expect(page.locator("#save-status")).to_contain_text("You are logged out.")
    page.close()  # the tab is closed: nothing reached the server

    page = page.context.new_page()
    page.on("console", lambda message: console_errors.append(message.text) if message.type == "error" else None)
    log_in(page, base, author.user.username)
    page.goto(edit_url)
    notice = page.locator("#restore-notice")
    expect(notice).to_be_visible()
    notice.get_by_role("button", name="Restore it").click()
    expect(page.locator("textarea[name=body]")).to_have_value("Saved text.\nTyped after the session ended.\n")
    expect(page.locator("#save-status")).to_contain_text(re.compile(r"^Saved at "))
    assert Review.objects.get(pk=review.pk).body == "Saved text.\nTyped after the session ended.\n"
    assert console_errors == []
