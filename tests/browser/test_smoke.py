"""The browser set-up itself: a published issue renders its formulas with the vendored KaTeX."""

from tests.factories import IssueEntryFactory, IssueFactory, ReviewFactory


def test_published_issue_typesets_formulas_without_console_errors(page, live_server, console_errors, editor):
    from digest import services

    issue = IssueFactory(slug="july-2019")
    IssueEntryFactory(issue=issue, review=ReviewFactory(status="approved", body="Energy $E = mc^2$ holds."))
    services.publish_issue(issue, by=editor, url="https://example.org/post")
    page.goto(f"{live_server.url}/issues/july-2019/")
    page.wait_for_selector(".math.inline .katex")
    assert page.locator(".katex").count() == 1
    assert console_errors == []
