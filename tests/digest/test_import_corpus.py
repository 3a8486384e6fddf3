"""The tolerant importer over a corpus of posts of our own (tests/digest/import_corpus/): every variant
of the back catalogue the series' four years produced, each read review by review against the fields
its text gives (expected.py), with the notes on what it does not give. Then the properties: the
tolerant reader never finds fewer reviews than the strict one, a second import creates nothing."""

import datetime
from collections import Counter
from pathlib import Path

import pytest

from digest.importer import read_post
from digest.importer.load import import_post
from digest.importer.structure import PostImportError
from digest.models import Issue, IssueEntry, PostImport, Series
from reviews.models import Paper, PaperLink, Review, Reviewer
from tests.digest.import_corpus.expected import VARIANTS, notes_of

CORPUS = Path(__file__).resolve().parent / "import_corpus"
DEMO = Path(__file__).resolve().parents[2] / "digest" / "demo"
FILES = sorted(path.name for path in CORPUS.iterdir() if path.suffix in {".txt", ".html"})


def text(name):
    return (CORPUS / name).read_text(encoding="utf-8")


def fields(entry):
    return (
        entry.title,
        entry.authors,
        entry.affiliations,
        entry.year,
        (entry.original_label, entry.original_url),
        [(link.kind, link.label, link.url) for link in entry.links],
        (entry.reviewer_name, entry.chat_handle, entry.blog_handle),
    )


def test_the_corpus_has_thirty_variants_each_with_its_expectations():
    assert len(FILES) >= 30
    assert sorted(VARIANTS) == FILES


@pytest.mark.parametrize("name", FILES)
def test_every_variant_is_read_with_its_reviews_and_fields(name):
    variant = VARIANTS[name]
    post = read_post(text(name))
    assert post.language == variant.language
    assert (post.period_start, post.period_end) == (variant.period or (None, None))
    assert [fields(entry) for entry in post.entries] == [tuple(item) for item in variant.reviews]
    assert [entry.number for entry in post.entries] == list(range(1, len(variant.reviews) + 1))


@pytest.mark.parametrize("name", FILES)
def test_every_variant_notes_exactly_what_each_review_lacks(name):
    variant = VARIANTS[name]
    post = read_post(text(name))
    for number, (entry, item) in enumerate(zip(post.entries, variant.reviews, strict=True), start=1):
        wanted = variant.notes.get(number, notes_of(item))
        assert Counter(note.code for note in entry.notes) == Counter(wanted), (number, entry.title)
        assert entry.reviewer_address == variant.address.get(number, "")
    assert sorted(note.code for note in post.notes) == sorted(variant.post_notes)


@pytest.mark.parametrize("name", sorted(name for name, variant in VARIANTS.items() if variant.body))
def test_bodies_keep_their_text_lists_images_and_formulas(name):
    entries = read_post(text(name)).entries
    for number, words in VARIANTS[name].body.items():
        assert words in entries[number - 1].body, number


def test_the_heading_wins_over_the_contents_and_the_note_says_what_the_contents_said():
    first, second = read_post(text("v11-2019-en-translated-labels-changed-title.txt")).entries
    assert first.title == "Layer rotation: a surprisingly strong indicator of generalization in deep networks?"
    assert first.notes[0] == (
        "the contents call it “Layer rotation: a surprisingly powerful indicator of generalization in deep "
        "networks?”; the heading's title is kept"
    )
    assert second.contents_title == "Parameter-Efficient Transfer Learning for NLP"


def test_a_review_without_a_reviewer_line_is_filed_under_the_unknown_reviewer_in_the_posts_language():
    entries = read_post(text("t04-ru-example-lost-header-lines.txt")).entries
    assert str(entries[5].notes[-1]) == "no review author line: filed under “Автор неизвестен”"
    with pytest.raises(PostImportError, match="line 250: review 6 “Large Memory Layers with Product Keys”: expected"):
        read_post(text("t04-ru-example-lost-header-lines.txt"), strict=True)


def every_post():
    return [*((CORPUS / name) for name in FILES), *sorted(DEMO.iterdir())]


@pytest.mark.parametrize("path", every_post(), ids=lambda path: path.name)
def test_the_tolerant_reader_never_finds_fewer_reviews_than_the_strict_one(path):
    raw = path.read_text(encoding="utf-8")
    try:
        strict = len(read_post(raw, strict=True).entries)
    except PostImportError:
        strict = 0
    assert len(read_post(raw).entries) >= max(strict, 1)


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Series, Issue, IssueEntry, Paper, PaperLink, Review, Reviewer, PostImport)
    }


@pytest.mark.django_db
@pytest.mark.parametrize("name", FILES)
def test_every_variant_imports_and_a_second_import_creates_nothing(name):
    period = None if VARIANTS[name].period else (datetime.date(2020, 6, 1), datetime.date(2020, 6, 1))
    report = import_post(text(name), series_name="Corpus", period=period, source=name)
    assert report.issue.entries.count() == len(VARIANTS[name].reviews)
    stored = dict(IssueEntry.objects.values_list("position", "import_notes"))
    assert [[note["code"] for note in stored[row.number]] for row in report.reviews] == [
        [note.code for note in row.notes] for row in report.reviews
    ]
    before = counts()
    again = import_post(text(name), series_name="Corpus", period=period, source=name)
    assert counts() == before
    assert dict(again.created) == {}
