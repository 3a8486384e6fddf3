"""digest.export.convert: stored HTML back into Markdown, Habr Markdown and plain text."""

import pytest

from digest.export.convert import html_to_markdown, html_to_plain
from reviews.markdown import render_markdown


@pytest.mark.parametrize(
    ("html", "markdown", "text"),
    [
        ('<p><a href="https://ods.ai/">https://ods.ai/</a></p>', "https://ods.ai/", "https://ods.ai/"),
        ('<p><a href="http://README.md">README.md</a> file</p>', "README.md file", "README.md file"),
        ('<p><a href="https://ods.ai/">the community</a></p>', "[the community](https://ods.ai/)",
         "the community (https://ods.ai/)"),
        ('<p>Pictures look <a href="">cool</a>.</p>', "Pictures look cool.", "Pictures look cool."),
        ('<p><a href="https://x.org/a b">x</a></p>', "[x](<https://x.org/a b>)", "x (https://x.org/a b)"),
        ("<p>1. not a list</p>", "1\\. not a list", "1. not a list"),
        ("<p>one<br>two</p>", "one\\\ntwo", "one\ntwo"),
        ("<h3>Results <em>now</em></h3>", "### Results *now*", "Results now"),
        ("<blockquote><p>a</p><p>b</p></blockquote>", "> a\n>\n> b", "> a\n>\n> b"),
        ("<ol start=\"3\"><li>c</li><li>d<ul><li>e</li></ul></li></ol>", "3. c\n4. d\n   - e", "3. c\n4. d\n   - e"),
        ("<table><tr><th>a|b</th></tr><tr><td>x<br>y</td></tr></table>", "| a\\|b |\n| --- |\n| x y |", "a|b\nx y"),
        ("<p><code>a`b</code> and <del>old</del></p>", "``a`b`` and ~~old~~", "a`b and old"),
        ('<pre><code class="language-python">x = 1\n\ny = 2\n</code></pre>', "```python\nx = 1\n\ny = 2\n```",
         "    x = 1\n\n    y = 2"),
        ("<script>alert(1)</script><p>kept</p>", "kept", "kept"),
    ],
)  # fmt: skip
def test_html_to_markdown_and_plain_text(html, markdown, text):
    assert (html_to_markdown(html), html_to_plain(html)) == (markdown, text)


@pytest.mark.parametrize(
    "source",
    [
        "A *b* and **c**, `code`, ~~gone~~, snake_case, a_b_c and 2 * 3 * 4.",
        "Formula $x_1 * y$ and $$\\frac{a}{b}$$ inline.\n\n$$\nE = mc^2\n$$",
        "- a\n- b\n  1. c\n  2. d\n\n> quote with [link](https://ods.ai/)\n\n| a | b |\n|:--|--:|\n| 1 | $z$ |",
        "![alt](https://habrastorage.org/a.png)\n\n```\nraw <b>\n```\n\n## Heading",
    ],
)
def test_markdown_written_from_rendered_html_renders_to_the_same_html(source):
    html = render_markdown(source)
    assert render_markdown(html_to_markdown(html)) == html
