"""Hostile markdown in a real browser: Chromium loads every page that shows it and nothing runs.

The whole corpus (tests/security/payloads.py, plus payloads in the typed fields: tests/security/
hostile.py) is published and loaded: the public issue page (with KaTeX typesetting every formula),
a review page, the admin preview, the standalone HTML export (loaded without our CSP, so it must be
inert on its own), and the member editor with the corpus typed in and its live preview rendered.

A test fails on any dialog, any console message naming a payload ("XSS…"), any request to the
payload host, any CSP violation (the policy would have had to stop something), a link or resource
with a scheme other than http(s)/mailto, or a handler that fires when everything is hovered,
focused and clicked.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from digest.export.formats import export_issue
from digest.models import Issue
from tests.security.crawl import crawl
from tests.security.hostile import build_hostile_issue
from tests.security.payloads import EVIL_HOST, PAYLOADS

# Hover, focus and click every element inside `selector` (links and buttons cannot navigate or
# submit), then list every link and resource whose scheme a payload could have chosen.
POKE = """(selector) => {
  document.addEventListener("click", (event) => event.preventDefault(), true);
  document.addEventListener("submit", (event) => event.preventDefault(), true);
  const elements = [...document.querySelectorAll(selector)].flatMap((root) => [root, ...root.querySelectorAll("*")]);
  for (const element of elements) {
    for (const type of ["mouseover", "mouseenter", "mousedown", "mouseup"]) {
      element.dispatchEvent(new MouseEvent(type, {bubbles: true}));
    }
    element.dispatchEvent(new FocusEvent("focus"));
    if (typeof element.click === "function") element.click();
    else element.dispatchEvent(new MouseEvent("click", {bubbles: true}));
  }
  const schemes = new Set();
  for (const element of document.querySelectorAll("[href], [src], [action], [formaction], [data]")) {
    for (const name of ["href", "src", "action", "formaction", "data"]) {
      const value = element.getAttribute(name);
      if (value === null || value === "data:,") continue;
      let protocol = null;  // a relative address keeps the page's own scheme
      try { protocol = new URL(value).protocol; } catch (error) { protocol = null; }
      if (protocol && !["http:", "https:", "mailto:"].includes(protocol)) {
        schemes.add(`${element.tagName} ${name}=${value}`);
      }
    }
  }
  return {poked: elements.length, schemes: [...schemes]};
}"""


RUNS = ("javascript:", "data:")


def set_password(user, password="correct horse battery staple"):
    user.set_password(password)
    user.save(update_fields=["password"])
    return password


@pytest.fixture
def alarms(page):
    """Everything a running payload (or a CSP block of one) would show; the test asserts it is empty."""
    seen = []
    page.on("dialog", lambda dialog: (seen.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on(
        "console",
        lambda message: (
            seen.append(f"console: {message.text}")
            if "XSS" in message.text or "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: seen.append(f"page error: {error}") if "XSS" in str(error) else None)
    page.on(
        "framenavigated", lambda frame: seen.append(f"navigated to {frame.url}") if frame.url.startswith(RUNS) else None
    )

    def refuse(route):
        seen.append(f"request: {route.request.url}")
        route.abort()

    page.route(f"**/*{EVIL_HOST}*/**", refuse)
    page.route(f"**://{EVIL_HOST}/**", refuse)
    return seen


def poke(page, selector):
    result = page.evaluate(POKE, selector)
    assert result["poked"] > 0
    return result["schemes"]


def test_the_alarms_ring_when_a_payload_does_run(page, alarms):
    """The listeners above are not deaf: live markup trips each of them."""
    page.set_content(
        "<img src=x onerror=\"alert('XSS900')\"><img src=x onerror=\"console.log('XSS901')\">"
        f"<img src='https://{EVIL_HOST}/xss902.png'><a href=\"javascript:alert('XSS903')\">x</a>"
    )
    page.wait_for_timeout(300)
    assert poke(page, "body") == ["A href=javascript:alert('XSS903')"]
    assert sorted(alarms) == [
        "console: XSS901",
        "dialog: XSS900",
        f"request: https://{EVIL_HOST}/xss902.png",
    ]


def test_public_pages_with_every_payload_run_nothing(page, live_server, alarms):
    hostile = build_hostile_issue()
    page.goto(f"{live_server.url}{hostile.issue.get_absolute_url()}")
    page.wait_for_selector(".review-body .katex")  # KaTeX has typeset the formulas, payloads included
    assert page.locator(".review-body").count() == len(PAYLOADS)
    assert poke(page, "article") == []
    page.goto(f"{live_server.url}{hostile.earlier.get_absolute_url()}")  # the series' own intro and outro
    assert poke(page, "article") == []
    review = hostile.reviews["katex href"]
    page.goto(f"{live_server.url}{review.get_absolute_url()}")
    page.wait_for_selector(".review-body .katex")
    assert poke(page, "main") == []
    assert alarms == []


def test_workspace_preview_and_standalone_export_run_nothing(page, live_server, alarms, editor, login):
    hostile = build_hostile_issue()
    login(editor)
    page.goto(f"{live_server.url}/admin/digest/issue/{hostile.issue.pk}/workspace/preview/")
    page.wait_for_selector(".review-body .katex")
    assert poke(page, "article") == []
    page.set_content(export_issue(hostile.issue, "html", standalone=True))  # no CSP here: inert by itself
    assert page.locator("main math").count() > 0
    assert poke(page, "main") == []
    assert alarms == []


def test_member_editor_previews_the_typed_corpus_and_runs_nothing(page, live_server, alarms, author, login):
    from tests.factories import ReviewFactory

    review = ReviewFactory(reviewer=author, body="")
    login(author.user)
    page.goto(f"{live_server.url}/me/reviews/{review.pk}/edit/")
    corpus = "\n\n* * *\n\n".join(f"{payload}\n\nEnd of {name}." for name, payload in PAYLOADS.items())
    page.get_by_label("Review", exact=True).fill(corpus)
    preview = page.locator(".markdownx-preview")
    preview.get_by_text(f"End of {list(PAYLOADS)[-1]}.").wait_for()
    page.wait_for_selector(".markdownx-preview .katex")
    rules = preview.locator("hr:not(.footnotes-sep)")
    assert rules.count() == len(PAYLOADS) - 1  # every payload rendered, one after another
    assert poke(page, ".markdownx-preview") == []
    assert alarms == []


@pytest.mark.filterwarnings(  # main's paper admin builds URLFields without assume_scheme (the desk branch sets it)
    "ignore:The default scheme will be changed:django.utils.deprecation.RemovedInDjango60Warning"
)
def test_admin_and_member_pages_raise_no_policy_violation_in_chromium(page, live_server, client, login):
    """Chromium reports what the policy blocks (inline code in Django's admin templates, scripts that
    set style attributes). One page of each shape the editor reaches, admin and members' pages."""
    call_command("seed_demo", stdout=io.StringIO())
    editor = get_user_model().objects.get(username="editor@example.org")
    client.force_login(editor)
    starts = [
        "/admin/",
        "/me/",
        "/papers/",
        *(f"/admin/digest/issue/{issue.pk}/workspace/" for issue in Issue.objects.all()),
    ]
    visits = [visit for visit in crawl(client, starts, per_shape=1) if visit.status == 200]
    urls = [visit.url for visit in visits if visit.headers.get("Content-Type", "").startswith("text/html")]
    assert len(urls) >= 40
    blocked = []
    page.on(
        "console",
        lambda message: blocked.append((page.url, message.text)) if "Content Security Policy" in message.text else None,
    )
    login(editor, password=set_password(editor))
    for url in urls:
        page.goto(f"{live_server.url}{url}")
        page.wait_for_load_state("load")
    # Known, reported: django-simple-history's history page has <p class="paginator" style="border-top: 0">.
    history = [(url, text) for url, text in blocked if url.endswith("/history/") and "Applying inline style" in text]
    assert [item for item in blocked if item not in history] == []
