"""Property: whatever text comes in, the importer either imports it or refuses it with its own clear
error, and a refused import writes nothing.

Inputs are random text and the example posts mutated the way copies go wrong: lines deleted,
duplicated, swapped, the text cut off, characters inserted. Each example runs in a transaction
rolled back afterwards, so that one example's import does not meet the next.
"""

from pathlib import Path

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.importer import PostImportError, read_post
from digest.importer.load import import_post
from tests.security.test_nothing_lost import every_table

pytestmark = pytest.mark.django_db

POSTS = Path(__file__).resolve().parents[2] / "digest" / "demo"  # the example posts, shipped as demo content
EXAMPLES = {path.name: path.read_text(encoding="utf-8") for path in sorted(POSTS.iterdir())}
NOISE = ["\n", "\n\n", "1. ", "→ ", " :: ", "(", ")", "<h2>", "</h2>", "<p>", "$", "`", "#", "\t", "\x00", "\ufeff"]


@st.composite
def mutated_posts(draw):
    lines = EXAMPLES[draw(st.sampled_from(sorted(EXAMPLES)))].split("\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        kind = draw(st.sampled_from(["delete", "duplicate", "swap", "truncate", "insert"]))
        if kind == "delete":
            del lines[at]
        elif kind == "duplicate":
            lines.insert(at, lines[at])
        elif kind == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == "truncate":
            line = lines[at]
            lines = [*lines[:at], line[: draw(st.integers(0, len(line)))]]
        else:
            line = lines[at]
            cut = draw(st.integers(0, len(line)))
            noise = draw(st.one_of(st.sampled_from(NOISE), st.text(max_size=5)))
            lines[at] = line[:cut] + noise + line[cut:]
    return "\n".join(lines)


def refused_cleanly(error, raw):
    """The importer's own error: a message, and a line of the input where it points at one."""
    assert str(error).strip()
    if error.line is not None:  # lines as the importer counts them: \r\n, \r and \n each end one
        lines = raw.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
        assert 1 <= error.line <= lines, (error.line, str(error))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=400), mutated_posts()))
def test_reading_any_text_gives_a_post_or_the_importers_clear_error(raw):
    try:
        read_post(raw)
    except PostImportError as error:
        refused_cleanly(error, raw)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(mutated_posts())
def test_importing_a_mutated_post_imports_it_or_writes_nothing(raw):
    with transaction.atomic():
        before = every_table()
        try:
            import_post(raw, series_name="Reading articles for you")
        except PostImportError as error:
            refused_cleanly(error, raw)
            assert every_table() == before
        transaction.set_rollback(True)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_posts())
def test_the_tolerant_reader_finds_at_least_the_reviews_the_strict_reader_finds(raw):
    try:
        strict = read_post(raw, strict=True).entries
    except PostImportError:
        strict = []
    try:
        tolerant = read_post(raw).entries
    except PostImportError as error:
        refused_cleanly(error, raw)
        tolerant = []
    assert len(tolerant) >= len(strict)
    if strict:  # what the strict reader could read, the tolerant one reads the same way
        assert {entry.title for entry in strict} <= {entry.title for entry in tolerant}


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(mutated_posts())
def test_importing_a_mutated_post_strictly_imports_it_or_writes_nothing(raw):
    with transaction.atomic():
        before = every_table()
        try:
            import_post(raw, series_name="Reading articles for you", strict=True)
        except PostImportError as error:
            refused_cleanly(error, raw)
            assert every_table() == before
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    "raw",
    [
        "Just a note.\n\nNothing else here.\n",
        "1. Eggs\n2. Milk\n3. Bread\n",
        "Introduction\n\n1. Background\n\nSome text.\n\n2. Method\n\nMore text.\n",
        "<html><body><p>Hello</p></body></html>",
        "Shopping:\n\n- eggs and milk\n- fresh bread\n\nAgain on Monday:\n\n- eggs and milk\n- fresh bread\n",
        "",
    ],
)
def test_input_that_is_not_a_post_is_refused_with_a_clear_error_and_writes_nothing(raw):
    before = every_table()
    with pytest.raises(PostImportError, match=r"expected a post"):
        import_post(raw, series_name="Reading articles for you")
    assert every_table() == before


def test_a_nul_character_is_refused_at_its_line_not_left_to_the_database():
    """PostgreSQL cannot store NUL: such a post used to stop the import with a DataError."""
    lines = EXAMPLES["ods-2019-07-09-ru.txt"].split("\n")
    lines[40] = lines[40][:10] + "\x00" + lines[40][10:]
    with pytest.raises(PostImportError) as refusal:
        import_post("\n".join(lines), series_name="Reading articles for you")
    assert str(refusal.value) == "line 41: a NUL character: this is not a text post (a binary file?)"
