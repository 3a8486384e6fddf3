"""digest.export.inert: Markdown exports hold nothing another renderer could bring alive.

The promise: rendered by a permissive CommonMark renderer (raw HTML on, any link scheme), an
exported text has nothing outside the allow-list; rendered by ours, it shows what the source showed.
"""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.export.inert import inert_markdown
from reviews.markdown import render_markdown
from tests.html_checks import live_parts_of_markdown
from tests.security.payloads import PAYLOADS

# Our renderer links these, percent-encoding what makes them harmless there; a renderer that does
# not encode could read a javascript: scheme, so the export shows them as text (as a refused link).
LINKED_ONLY_WHEN_ENCODED = {"tab inside scheme"}


def shown(html):
    """What a reader sees of rendered HTML, give or take ids and the spaces TeX ignores."""
    html = re.sub(r"(fn(?:ref)?-)[0-9a-f]{8}", r"\1id", html)
    return re.sub(
        r'(<(span|div) class="math [a-z]+">)(.*?)(</\2>)',
        lambda m: m[1] + m[3].replace(" ", "") + m[4],
        html,
        flags=re.S,
    )


def test_most_payloads_would_be_live_in_a_permissive_renderer_as_written():
    live = [name for name, payload in PAYLOADS.items() if live_parts_of_markdown(payload)]
    assert len(live) >= 40  # the check below has something to catch


@pytest.mark.parametrize("name", list(PAYLOADS))
def test_payload_made_inert_has_nothing_live_in_a_permissive_renderer(name):
    assert live_parts_of_markdown(inert_markdown(PAYLOADS[name])) == []


@pytest.mark.parametrize("name", [name for name in PAYLOADS if name not in LINKED_ONLY_WHEN_ENCODED])
@pytest.mark.parametrize("math", ["katex", "mathml"])
def test_our_renderer_shows_the_inert_text_as_it_showed_the_source(name, math):
    payload = PAYLOADS[name]
    assert shown(render_markdown(inert_markdown(payload), math=math)) == shown(render_markdown(payload, math=math))


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("Plain **text** with [a link](https://example.org) and $x<1$.", None),
        ("Code `<script>alert(1)</script>` stays code.", None),
        ("```html\n<script>alert(1)</script>\n```", None),
        ("    <script>indented code</script>", None),
        ("<https://example.org/a> and <ann@example.org> stay links.", None),
        ("Already escaped: \\<b>bold\\</b>.", None),
        ("A tag: <b onclick=alert(1)>x</b>", "A tag: \\<b onclick=alert(1)>x\\</b>"),
        ("A backslash, then a tag: \\\\<b>", "A backslash, then a tag: \\\\\\<b>"),
        ("<!-- hidden --> and <?php ?>", "\\<!-- hidden --> and \\<?php ?>"),
        ("<javascript:alert(1)>", "\\<javascript:alert(1)>"),
        (
            "[x](javascript:alert(1)) and ![y](data:image/svg+xml,z)",
            "[x]\\(javascript:alert(1)) and ![y]\\(data:image/svg+xml,z)",
        ),
        ("[x](<javascript:alert(1)>)", "[x]\\(\\<javascript:alert(1)>)"),
        ("[x](&#106;avascript:alert(1))", "[x]\\(&#106;avascript:alert(1))"),
        ("[x]:\n  javascript:alert(1)\n\n[x]", "[x]\\:\n  javascript:alert(1)\n\n[x]"),
        ("$a<b$ and $$<img src=x onerror=alert(1)>$$", "$a< b$ and $$< img src=x onerror=alert(1)>$$"),
        ("$$\n<script>alert(1)</script>\n$$", "$$\n< script>alert(1)< /script>\n$$"),
        (
            "| a | b |\n|---|---|\n| `x | <script>y</script> z` |",
            "| a | b |\n|---|---|\n| `x | \\<script>y\\</script> z` |",
        ),
        ("`a\n<script>alert(1)</script>\nb`", "`a\n\\<script>alert(1)</script>\nb`"),
        ("`a\n\n<img src=x onerror=alert(1)> b`", "`a\n\n\\<img src=x onerror=alert(1)> b`"),
        ("> quoted <svg onload=alert(1)>", "> quoted \\<svg onload=alert(1)>"),
    ],
)
def test_inert_markdown_changes_only_what_could_come_alive(source, expected):
    assert inert_markdown(source) == (source if expected is None else expected)
    assert live_parts_of_markdown(inert_markdown(source)) == []


FRAGMENTS = st.sampled_from(
    [
        "<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "<svg onload=alert(3)>", "</div>", "<!--", "-->",
        "<div>", "<pre>", "<a href='javascript:alert(4)'>", "[x](javascript:alert(5))", "![y](data:text/html,6)",
        "[z]: javascript:alert(7)", "[z]", "<javascript:alert(8)>", "<https://example.org>", "`", "``", "```", "$",
        "$$", "\\", "|", "| a | b |\n|---|---|\n", "]", "(", ")", ":", "<", ">", "> ", "- ", "1. ", "    ", "\n",
        "\n\n", " ", "word", "&#106;", "&lt;", "javascript:", "\t", "*", "_", "~~", "#", "[^1]", "[^1]: ",
        "$$\n", "\n$$",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(FRAGMENTS, max_size=25).map("".join))
def test_fuzzed_markdown_made_inert_has_nothing_live_and_stays_put(source):
    once = inert_markdown(source)
    assert live_parts_of_markdown(once) == []
    assert inert_markdown(once) == once
