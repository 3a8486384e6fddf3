"""Proposing a paper: possible duplicates show up while the arXiv id or the title is typed."""

from playwright.sync_api import expect

from tests.factories import PaperFactory, ReviewerFactory, UserFactory


def test_typing_an_id_or_a_title_flags_duplicates_and_fills_the_link(page, live_server, console_errors, login):
    taken = PaperFactory(title="Attention Is All You Need", arxiv_id="1706.03762", year=2017)
    PaperFactory(title="Deep Residual Learning for Image Recognition", arxiv_id="")
    member = ReviewerFactory(user=UserFactory(username="nina@example.org"), display_name="Nina").user
    login(member)
    page.goto(f"{live_server.url}/papers/propose/")
    warning = page.locator("#live-duplicates")
    expect(warning).to_be_hidden()

    page.get_by_label("arXiv id or URL").fill("https://arxiv.org/abs/1706.03762v7")
    expect(warning).to_be_visible()
    found = warning.get_by_role("link", name="Attention Is All You Need")
    expect(found).to_have_attribute("href", f"/papers/{taken.pk}/")
    expect(page.get_by_label("Original article URL")).to_have_value("https://arxiv.org/abs/1706.03762")

    page.get_by_label("arXiv id or URL").fill("")
    page.get_by_label("Title").fill("deep residual learning for image recognition")
    expect(warning.get_by_role("link")).to_have_text(["Deep Residual Learning for Image Recognition"])

    page.get_by_label("Title").fill("A paper nobody proposed")
    expect(warning).to_be_hidden()
    assert console_errors == []
