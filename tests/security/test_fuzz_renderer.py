"""Property: whatever markdown comes in, the renderer's output is within the allow-list."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviews.markdown import render_markdown
from tests.html_checks import unsafe_parts
from tests.security.payloads import PAYLOADS

FRAGMENTS = [
    "<", ">", "&", '"', "'", "`", "$", "$$", "*", "_", "[", "](", ")", "![", "|", "---", "\n", "\n\n", "#",
    "javascript:", "data:", "<script>", "</script>", "<img src=x ", "onerror=", "<svg", "<math", "\\href{",
    "```", "~~", "[^1]", "[^1]: ", "> ", "- ", "1. ", "http://", "https://evil.example/", "&#106;", "&colon;",
]  # fmt: skip

markdownish = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.sampled_from(list(PAYLOADS.values())), st.text(max_size=12)),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdownish, st.sampled_from(["katex", "mathml"]))
def test_renderer_output_is_always_within_the_allow_list(source, math):
    assert unsafe_parts(render_markdown(source, math=math)) == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_renderer_never_crashes_on_arbitrary_text(source):
    assert isinstance(render_markdown(source), str)
