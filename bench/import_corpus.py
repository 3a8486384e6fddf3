"""The importer over its corpus: reviews found / expected and header fields filled / expected, per post.

    .venv/bin/python bench/import_corpus.py [--strict] [--verbose]

Reads every post of tests/digest/import_corpus/ (33 variants of our own) and the three example posts
of digest/demo/ with the tolerant reader (or, with --strict, the all-or-nothing one, which refuses a
post whole), and compares each review with the fields its text gives, as written by hand in
tests/digest/import_corpus/expected.py and tests/digest/test_import.py. A header field counts when it
is non-empty in the expectation: title, authors, affiliations, year, the original article's label and
address, each link, the reviewer's name, chat handle and blog handle; it is filled when the reader
gives exactly that value. "Invented" counts fields the reader filled where the text gives nothing.
Reads only; needs no database.
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digest.settings")

import django  # noqa: E402

django.setup()

from digest.importer import PostImportError, read_post  # noqa: E402
from tests.digest.import_corpus.expected import VARIANTS, Review  # noqa: E402
from tests.digest.test_import import ENGLISH_2018, ENGLISH_2020, RUSSIAN  # noqa: E402

CORPUS = ROOT / "tests" / "digest" / "import_corpus"
EXAMPLES = {
    "ods-2019-07-09-ru.txt": RUSSIAN,
    "ods-2020-en.txt": ENGLISH_2020,
    "ods-2018-02-03-en.html": ENGLISH_2018,
}


def header_fields(item):
    """(name, value) of every field of an expected review or a read one, links one by one."""
    title, authors, affiliations, year, (label, url), links, (name, chat, blog) = item
    values = [
        ("title", title), ("authors", authors), ("affiliations", affiliations), ("year", year),
        ("original label", label), ("original URL", url), ("reviewer name", name), ("chat handle", chat),
        ("blog handle", blog),
    ]  # fmt: skip
    values += [(f"link {position}", link) for position, link in enumerate(links, start=1)]
    return values


def read_fields(entry):
    return Review(
        entry.title, entry.authors, entry.affiliations, entry.year, (entry.original_label, entry.original_url),
        [(link.kind, link.label, link.url) for link in entry.links],
        (entry.reviewer_name, entry.chat_handle, entry.blog_handle),
    )  # fmt: skip


def score(expected, entries):
    """(reviews found, fields expected, fields filled, fields invented) for one post."""
    by_title = {entry.title: entry for entry in entries}
    expected_fields = filled = invented = found = 0
    for position, item in enumerate(expected):
        entry = by_title.get(item[0]) or (entries[position] if position < len(entries) else None)
        wanted = [(name, value) for name, value in header_fields(tuple(item)) if value not in ("", None)]
        expected_fields += len(wanted)
        if entry is None:
            continue
        found += 1
        got = dict(header_fields(tuple(read_fields(entry))))
        filled += sum(1 for name, value in wanted if got.get(name) == value)
        wanted_names = {name for name, _value in wanted}
        invented += sum(1 for name, value in got.items() if value not in ("", None) and name not in wanted_names)
    return min(found, len(entries)), expected_fields, filled, invented


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--strict", action="store_true", help="the all-or-nothing reader instead of the tolerant one")
    parser.add_argument("--verbose", action="store_true", help="one line per post")
    options = parser.parse_args()
    posts = [(CORPUS / name, [tuple(item) for item in variant.reviews]) for name, variant in sorted(VARIANTS.items())]
    posts += [(ROOT / "digest" / "demo" / name, expected) for name, expected in EXAMPLES.items()]
    totals = [0, 0, 0, 0, 0, 0]  # reviews found, expected; fields expected, filled, invented; posts refused
    started = time.perf_counter()
    for path, expected in posts:
        try:
            entries = read_post(path.read_text(encoding="utf-8"), strict=options.strict).entries
        except PostImportError:
            entries = []
            totals[5] += 1
        found, expected_fields, filled, invented = score(expected, entries)
        for index, value in enumerate([found, len(expected), expected_fields, filled, invented]):
            totals[index] += value
        if options.verbose:
            print(
                f"{path.name:58} reviews {found:2}/{len(expected):2}  fields {filled:3}/{expected_fields:3}"
                f"  invented {invented}" + ("  REFUSED" if not entries else "")
            )
    elapsed = time.perf_counter() - started
    found, expected, expected_fields, filled, invented, refused = totals
    reader = "strict" if options.strict else "tolerant"
    print(f"reader: {reader}; posts: {len(posts)} ({len(posts) - refused} read, {refused} refused)")
    print(f"reviews found / expected: {found} / {expected} ({100 * found / expected:.1f}%)")
    print(f"header fields filled / expected: {filled} / {expected_fields} ({100 * filled / expected_fields:.1f}%)")
    print(f"fields filled where the text gives none: {invented}")
    print(f"time: {elapsed:.2f} s for {len(posts)} posts")


if __name__ == "__main__":
    main()
