"""The import desk in a real browser: paste or upload a post, read the preview with its notes,
correct the series and period, import, land on the issue with the notes."""

from pathlib import Path

from playwright.sync_api import expect

from digest.models import Issue
from reviews.models import Review
from tests.factories import SeriesFactory

CORPUS = Path(__file__).resolve().parents[1] / "digest" / "import_corpus"


def desk_errors(errors):
    # The admin's pages declare no favicon, so Chromium's automatic /favicon.ico request 404s.
    return [error for error in errors if "404 (Not Found)" not in error]


def test_editor_pastes_a_post_corrects_the_series_imports_and_lands_on_the_issue(
    page, live_server, console_errors, login, editor
):
    SeriesFactory(name="Reading articles for you", language="en")
    club = SeriesFactory(name="Paper club", language="en")
    login(editor)
    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name="Import a published post…").first.click()
    page.get_by_label("…or the post's text").fill(
        (CORPUS / "v16-2019-en-every-header-line-optional.txt").read_text(encoding="utf-8")
    )
    page.get_by_role("button", name="Read the post").click()

    expect(page.locator("#import-review-count")).to_have_text("4")
    third = page.locator("#import-review-3")
    expect(third.locator("h3")).to_have_text("3. Deep Double Descent: Where Bigger Models and More Data Hurt")
    expect(third.locator('[data-field="reviewer"]')).to_have_class("desk-import-field desk-import-unsure")
    expect(third.locator('[data-field="authors"]')).to_have_text("Preetum Nakkiran, Gal Kaplun, Yamini Bansal")
    expect(third.locator(".desk-import-notes")).to_contain_text("no review author line: filed under “Unknown reviewer”")
    assert Review.objects.count() == 0  # the preview wrote nothing

    page.get_by_label("Series").select_option(label="Paper club")
    page.get_by_label("Part").fill("2")
    page.get_by_role("button", name="Import", exact=True).click()

    page.wait_for_url(f"{live_server.url}/admin/digest/issue/*/workspace/")
    issue = Issue.objects.get()
    assert (issue.series, issue.part, issue.entries.count()) == (club, 2, 4)
    expect(page.locator(".messagelist")).to_contain_text("Imported “Paper club. April 2019. Part 2” with 4 reviews.")
    expect(page.locator("#import-notes")).to_contain_text("no review author line: filed under “Unknown reviewer”")
    assert desk_errors(console_errors) == []


def test_editor_uploads_a_saved_page_and_sets_the_period_the_post_lacks(
    page, live_server, console_errors, login, editor
):
    SeriesFactory(name="Reading articles for you", language="en")
    login(editor)
    page.goto(f"{live_server.url}/admin/digest/issue/import/")
    page.get_by_label("A saved post").set_input_files(str(CORPUS / "v14-2020-lost-cyrillic.txt"))
    page.get_by_label("Series").select_option(label="Reading articles for you")
    page.get_by_role("button", name="Read the post").click()

    expect(page.locator("#import-review-count")).to_have_text("3")
    page.get_by_label("First month").fill("2020-06")
    page.get_by_role("button", name="Read it again with these corrections").click()
    expect(page.locator("#id_period_end_error")).to_have_text("The last month cannot be before the first month.")
    page.get_by_label("Last month").fill("2020-06")
    page.get_by_role("button", name="Read it again with these corrections").click()
    expect(page.locator("#import-issue")).to_have_text("Reading articles for you. June 2020")
    page.get_by_role("button", name="Import", exact=True).click()

    page.wait_for_url(f"{live_server.url}/admin/digest/issue/*/workspace/")
    expect(page.locator("#import-notes summary")).to_contain_text("Imported from v14-2020-lost-cyrillic.txt")
    assert Issue.objects.get().entries.count() == 3
    assert desk_errors(console_errors) == []
