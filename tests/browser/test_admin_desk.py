"""The editor's desk in a real browser: source beside a typeset live preview, then a decision."""

from playwright.sync_api import expect

from reviews.models import Review
from tests.factories import PaperLinkFactory, ReviewerFactory, ReviewFactory, UserFactory


def desk_errors(errors):
    # The admin's pages declare no favicon, so Chromium's automatic /favicon.ico request 404s.
    return [error for error in errors if "404 (Not Found)" not in error]


def test_editor_edits_with_live_preview_then_requests_changes(page, live_server, console_errors, login, editor):
    author = ReviewerFactory(user=UserFactory(username="author@example.org"), display_name="Ann Author")
    review = ReviewFactory(reviewer=author, status="submitted", body="Energy $E = mc^2$ holds.")
    PaperLinkFactory(paper=review.paper, label="GitHub project")
    login(editor)

    page.goto(f"{live_server.url}/admin/reviews/review/{review.pk}/change/")
    page.wait_for_selector(".desk-body-preview .math.inline .katex")
    assert page.get_by_role("link", name="GitHub project").count() == 1

    page.locator("textarea[name=body]").fill("Energy $E = mc^2$ holds.\n\nAnd $a^2 + b^2 = c^2$ too.")
    expect(page.locator(".desk-body-preview .katex")).to_have_count(2)  # the live preview, typeset again
    page.get_by_role("button", name="Save and continue editing").click()
    page.wait_for_load_state()
    assert Review.objects.get(pk=review.pk).version == 2

    page.get_by_role("link", name="Request changes…").click()
    page.get_by_label("Comment for the reviewer").fill("Say where the second formula comes from.")
    page.get_by_role("button", name="Request changes").click()
    page.wait_for_load_state()
    assert page.locator(".messagelist").inner_text() == "The review is now “Changes requested”."
    assert Review.objects.get(pk=review.pk).status == "changes_requested"
    assert desk_errors(console_errors) == []


def test_reviewer_filter_autocompletes_names(page, live_server, console_errors, login, editor):
    ann = ReviewerFactory(display_name="Ann Author")
    ReviewFactory(reviewer=ann, paper__title="Ann's paper")
    ReviewFactory(reviewer=ReviewerFactory(display_name="Bob Builder"), paper__title="Bob's paper")
    login(editor)

    page.goto(f"{live_server.url}/admin/reviews/review/")
    page.locator(".desk-filter-autocomplete .select2-selection").click()
    page.keyboard.type("Ann")
    page.get_by_role("option", name="Ann Author").click()
    page.wait_for_url(f"**/admin/reviews/review/?reviewer={ann.pk}")
    assert page.locator("#result_list tbody tr").count() == 1
    assert page.locator("#result_list tbody .field-paper_title").inner_text() == "Ann's paper"
    assert desk_errors(console_errors) == []


def overlaps(a, b):
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"] or
                a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])  # fmt: skip


def test_titles_clear_the_object_tools_and_the_paper_page_fits_1280(page, live_server, console_errors, login, editor):
    long_title = "A very long paper title about attention, rotation, distillation and everything else " * 2
    review = ReviewFactory(status="submitted", paper__title=long_title.strip())
    page.set_viewport_size({"width": 1280, "height": 900})
    login(editor)
    page.goto(f"{live_server.url}/admin/reviews/review/{review.pk}/change/")
    title = page.locator("#content h2").first.bounding_box()
    tools = page.locator(".object-tools").bounding_box()
    assert not overlaps(title, tools)
    assert page.get_by_role("button", name="Save and add another").count() == 0
    assert page.locator(".related-widget-wrapper-link").count() == 0

    page.goto(f"{live_server.url}/admin/reviews/paper/{review.paper.pk}/change/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    title_input = page.get_by_label("Title:").bounding_box()
    form = page.locator("#paper_form").bounding_box()
    assert title_input["width"] > form["width"] * 0.6  # as wide as the form, not Django's 20em
    assert desk_errors(console_errors) == []


def test_the_desk_wears_the_sites_brand(page, live_server, login, editor):
    login(editor)
    page.goto(f"{live_server.url}/admin/")
    assert page.locator("#site-name .desk-brand-mark").inner_text() == "§"
    colour = page.evaluate("getComputedStyle(document.querySelector('.desk-brand-mark')).backgroundColor")
    assert colour == "rgb(29, 95, 196)"  # digest.css's --accent
    assert page.get_by_text("Recent actions").count() == 0  # nothing done yet: no empty box
