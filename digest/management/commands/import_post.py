"""Import published posts: python manage.py import_post FILE|FOLDER … [--series NAME] [--strict] [--dry-run] …"""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from digest.importer.load import IMPORTABLE, import_post
from digest.importer.structure import PostImportError

POST_SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm"}
ONE_POST_ONLY = ("period", "part", "url", "published_at")


def month(text):
    try:
        return datetime.datetime.strptime(text.strip(), "%Y-%m").date()
    except ValueError:
        raise CommandError(f"“{text}” is not a month: write it as YYYY-MM, e.g. 2019-07.")


def period(text):
    first, _colon, last = text.partition(":")
    return month(first), month(last or first)


def day(text):
    try:
        return timezone.make_aware(datetime.datetime.strptime(text.strip(), "%Y-%m-%d").replace(hour=12))
    except ValueError:
        raise CommandError(f"“{text}” is not a date: write it as YYYY-MM-DD.")


def post_files(paths):
    """The files named, and the posts (.txt, .md, .html) in the folders named, each folder's in name order."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(child for child in path.iterdir() if child.suffix.lower() in POST_SUFFIXES)
            if not found:
                raise CommandError(f"{path} holds no posts (.txt, .md or .html files).")
            files += found
        else:
            files.append(path)
    return files


def read_text(path):
    limit = settings.DIGEST_IMPORT_MAX_BYTES
    try:
        if (size := path.stat().st_size) > limit:
            raise CommandError(f"{path} is {size:,} bytes; posts are read up to {limit:,} (DIGEST_IMPORT_MAX_BYTES).")
        return path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror}.")
    except UnicodeDecodeError:
        raise CommandError(f"{path} is not UTF-8 text.")


def table(rows):
    """Columns padded to their widest cell; the first row is the header."""
    widths = [max(len(str(row[column])) for row in rows) for column in range(len(rows[0]))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
             for row in rows]  # fmt: skip
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


class Command(BaseCommand):
    help = (
        "Read published posts (plain text, our Markdown export, or saved HTML pages; files or folders of them) "
        "into issues with their papers, reviewers, reviews and entries. Tolerant by default: every review that "
        "can be found is imported, with notes on what is missing; --strict refuses a post at its first problem. "
        "Each post is one transaction: a refused post writes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="posts (.txt, .md, .html) or folders of them")
        parser.add_argument(
            "--series", default="", help="series name or slug (created if new); else found from the title"
        )
        parser.add_argument("--language", choices=[code for code, _name in settings.CONTENT_LANGUAGES])
        parser.add_argument("--status", choices=list(IMPORTABLE), default="published")
        parser.add_argument("--period", type=period, help="YYYY-MM or YYYY-MM:YYYY-MM when the title names none")
        parser.add_argument("--part", type=int)
        parser.add_argument("--url", default="", help="the post's public address")
        parser.add_argument("--published-at", type=day, help="YYYY-MM-DD; default: the month after the period")
        parser.add_argument(
            "--strict", action="store_true", help="all or nothing: refuse a post at its first missing or odd line"
        )
        parser.add_argument("--dry-run", action="store_true", help="read and report, write nothing")

    def handle(self, *args, **options):
        files = post_files(options["files"])
        if len(files) > 1 and (given := [name for name in ONE_POST_ONLY if options[name]]):
            flags = ", ".join("--" + name.replace("_", "-") for name in given)
            raise CommandError(f"{flags}: these describe one post; import the files one by one to give them.")
        if len(files) == 1:
            report = self.import_one(files[0], options)
            self.print_report(report)
            return
        results = []
        for path in tqdm(files, desc="Importing", unit="post", file=self.stderr, disable=options["verbosity"] < 1):
            try:
                report = self.import_one(path, options)
            except CommandError as error:
                results.append((path, None, str(error)))
                tqdm.write(f"{path.name}: refused — {error}", file=self.stdout)
                continue
            results.append((path, report, ""))
            if options["verbosity"] > 1:
                self.stdout.write(f"\n== {path.name}")
                self.print_report(report)
        self.stdout.write("\n" + self.summary(results))
        refused = [path for path, report, _error in results if report is None]
        if refused:
            raise CommandError(f"{len(refused)} of {len(results)} posts were refused; nothing was written for them.")

    def import_one(self, path, options):
        raw = read_text(path)
        try:
            return import_post(
                raw,
                series_name=options["series"],
                language=options["language"],
                status=options["status"],
                period=options["period"],
                part=options["part"],
                url=options["url"],
                published_at=options["published_at"],
                source=path.name,
                dry_run=options["dry_run"],
                strict=options["strict"],
            )
        except PostImportError as error:
            raise CommandError(f"{path.name}: {error}")

    def print_report(self, report):
        notes_of = {row.number: row.notes for row in report.reviews}
        for line in report.lines:
            self.stdout.write(line)
            number = line.split(".", 1)[0]
            for note in notes_of.get(int(number), []) if number.isdigit() else []:
                self.stdout.write(f"   ! {note}")
        for note in report.notes:
            self.stdout.write(f"note: {note}")
        self.stdout.write(self.style.SUCCESS(report.summary()))

    def summary(self, results):
        rows = [("post", "issue", "reviews", "with notes", "created", "reused", "result")]
        for path, report, error in results:
            if report is None:
                rows.append((path.name, "—", "—", "—", "—", "—", "refused: " + error.split(": ", 1)[-1][:80]))
                continue
            issue = "(dry run)" if report.dry_run else report.issue.slug
            noted = sum(1 for row in report.reviews if row.notes)
            created = sum(report.created.values())
            reused = sum(report.reused.values())
            rows.append((path.name, issue, len(report.reviews), noted, created, reused, "imported"))
        return table(rows)
