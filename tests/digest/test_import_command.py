"""manage.py import_post over several posts: a folder's posts in name order, a progress bar, a
summary table, notes printed under each review, a refused post skipped (and the exit says so)."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from digest.models import Issue, PostImport
from reviews.models import Review

pytestmark = pytest.mark.django_db
CORPUS = Path(__file__).resolve().parent / "import_corpus"
POSTS = [
    "v02-2017-en-arrow-links-per-line.txt",
    "v08-2019-es-full-header.txt",
    "v23-2018-html-bold-paragraph-headings.html",
]


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_post", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def folder(tmp_path):
    for name in POSTS:
        shutil.copy(CORPUS / name, tmp_path / name)
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")  # not a post: left alone
    return tmp_path


def test_a_folder_of_posts_is_imported_in_name_order_with_a_progress_bar_and_a_table(folder):
    out, err = run(str(folder), "--series", "Reading articles for you")
    assert Issue.objects.count() == 3 and Review.objects.count() == 6
    assert "Importing: 100%" in err and "3/3" in err
    table = out.strip().split("\n")
    assert table[0].split() == ["post", "issue", "reviews", "with", "notes", "created", "reused", "result"]
    assert table[2].split() == [
        "v02-2017-en-arrow-links-per-line.txt", "reading-articles-for-you-2017-10", "2", "2", "7", "0", "imported",
    ]  # fmt: skip
    assert table[4].split()[:3] == [
        "v23-2018-html-bold-paragraph-headings.html",
        "reading-articles-for-you-2018-09",
        "2",
    ]
    assert PostImport.objects.count() == 3


def test_a_refused_post_among_others_writes_nothing_of_itself_and_the_command_says_so(folder):
    (folder / "v00-not-a-post.txt").write_text("Just a note.\n\nNothing else here.\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 of 4 posts were refused; nothing was written for them."):
        run(str(folder), "--series", "Reading articles for you")
    assert Issue.objects.count() == 3


def test_a_second_run_over_the_folder_creates_nothing(folder):
    run(str(folder), "--series", "Reading articles for you")
    out, _err = run(str(folder), "--series", "Reading articles for you")
    assert [line.split()[4] for line in out.strip().split("\n")[2:]] == ["0", "0", "0"]


def test_one_post_prints_each_reviews_notes_under_it(folder):
    out, _err = run(str(folder / POSTS[0]), "--series", "Reading articles for you")
    lines = out.split("\n")
    index = lines.index("1. Attention Is All You Need: paper created; reviewer vaswani_fan created; review created")
    assert lines[index + 1 : index + 4] == [
        "   ! no paper authors line",
        "   ! no affiliations, in the header or the contents",
        "   ! no year, in the header or the contents",
    ]
    assert "   ! the review author's name is missing: only the handle “vaswani_fan”" in lines


def test_strict_refuses_what_the_tolerant_reader_imports(folder):
    with pytest.raises(CommandError, match=r"^v02-2017-en-arrow-links-per-line.txt: line 1: expected a table of"):
        run(str(folder / POSTS[0]), "--series", "Reading articles for you", "--strict")
    assert Review.objects.count() == 0


def test_options_that_describe_one_post_are_refused_with_several(folder):
    with pytest.raises(CommandError, match="--period, --part: these describe one post"):
        run(str(folder), "--period", "2020-06", "--part", "1")
    (folder / "empty").mkdir()
    with pytest.raises(CommandError, match="empty holds no posts"):
        run(str(folder / "empty"))
