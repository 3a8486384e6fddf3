"""reviews.markdown: the one renderer. Math survives, raw HTML never does."""

import pytest

from reviews.markdown import html_to_text, render_markdown
from tests.html_checks import unsafe_parts


def test_inline_and_display_math_become_math_spans_for_katex():
    html = render_markdown("Loss $L = \\sum_i x_i^2$ and $$\\frac{a}{b}$$ here.")
    assert '<span class="math inline">L = \\sum_i x_i^2</span>' in html
    assert '<span class="math display">\\frac{a}{b}</span>' in html
    assert "<div" not in html  # a display formula inside a paragraph must not nest a div in <p>


def test_math_block_on_its_own_lines_is_a_div():
    assert render_markdown("$$\na^2 + b^2 = c^2\n$$").strip() == '<div class="math block">a^2 + b^2 = c^2</div>'


def test_emphasis_markers_inside_math_are_left_alone():
    assert '<span class="math inline">a*b*c</span>' in render_markdown("$a*b*c$")


def test_dollar_amounts_are_not_math():
    assert "math" not in render_markdown("It costs $5 and $10.")


def test_gfm_table_alignment_uses_classes_not_styles():
    html = render_markdown("| a | b |\n|:--|--:|\n| 1 | 2 |")
    assert '<th class="align-left">a</th>' in html
    assert '<td class="align-right">2</td>' in html
    assert "style" not in html


def test_fenced_code_keeps_its_language_class():
    assert '<code class="language-python">' in render_markdown("```python\nprint(1)\n```")


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        "[click](JaVaScRiPt:alert(1))",
        "![x](data:text/html;base64,PHNjcmlwdD4=)",
        '<svg onload="alert(1)"></svg>',
        "<iframe src=https://evil.example></iframe>",
    ],
)
def test_raw_html_and_script_urls_never_become_markup(source):
    html = render_markdown(source)
    assert unsafe_parts(html) == []


def test_links_get_safe_rel_and_keep_https():
    assert (
        render_markdown("[paper](https://arxiv.org/abs/1)")
        == '<p><a href="https://arxiv.org/abs/1" rel="noopener noreferrer nofollow">paper</a></p>\n'
    )


def test_footnote_ids_differ_between_documents():
    first = render_markdown("Text[^1].\n\n[^1]: Note one.")
    second = render_markdown("Other[^1].\n\n[^1]: Note two.")
    first_ids = {part.split('"')[1] for part in first.split("id=")[1:]}
    second_ids = {part.split('"')[1] for part in second.split("id=")[1:]}
    assert first_ids and second_ids and not first_ids & second_ids


def test_mathml_variant_needs_no_javascript():
    html = render_markdown("Area $\\pi r^2$.", math="mathml")
    assert "<math" in html and "<mi>π</mi>" in html and 'class="math' not in html


def test_html_to_text_strips_tags_and_entities():
    assert html_to_text("<p>a &amp; <b>b</b></p>\n<p>c</p>") == "a & b c"


LINK_REL = 'rel="noopener noreferrer nofollow"'


@pytest.mark.parametrize("text", ["README.md", "see setup.py and main.go", "config.yaml, notes.txt"])
def test_file_names_stay_text_not_links(text):
    assert "<a " not in render_markdown(text)


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("https://arxiv.org/abs/1802.00509", "https://arxiv.org/abs/1802.00509"),
        ("www.example.org/paper", "http://www.example.org/paper"),
        ("mailto:editors@example.org", "mailto:editors@example.org"),
    ],
)
def test_addresses_with_a_scheme_or_www_become_links(text, href):
    assert render_markdown(f"Read {text} now") == f'<p>Read <a href="{href}" {LINK_REL}>{text}</a> now</p>\n'


@pytest.mark.parametrize("text", ["h*w*3", "(h*w*3)", "2*3*4 = 24", "a*b and c*d"])
def test_a_star_between_letters_or_digits_stays_a_star(text):
    assert render_markdown(text) == f"<p>{text}</p>\n"


def test_emphasis_and_intraword_strong_still_work():
    assert render_markdown("*emphasis* and un**believ**able") == (
        "<p><em>emphasis</em> and un<strong>believ</strong>able</p>\n"
    )
