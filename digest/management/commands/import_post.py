"""Import a published post: python manage.py import_post FILE [--series NAME] [--language LANG] [--status …]."""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from digest.importer.load import IMPORTABLE, import_post
from digest.importer.structure import PostImportError


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


class Command(BaseCommand):
    help = (
        "Read a published post (plain text, our Markdown export, or a saved HTML page) into an issue with its "
        "papers, reviewers, reviews and entries. Prints what it created and reused; writes nothing on error."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the post: .txt, .md or a saved .html page")
        parser.add_argument(
            "--series", default="", help="series name or slug (created if new); else found from the title"
        )
        parser.add_argument("--language", choices=[code for code, _name in settings.CONTENT_LANGUAGES])
        parser.add_argument("--status", choices=list(IMPORTABLE), default="published")
        parser.add_argument("--period", type=period, help="YYYY-MM or YYYY-MM:YYYY-MM when the title names none")
        parser.add_argument("--part", type=int)
        parser.add_argument("--url", default="", help="the post's public address")
        parser.add_argument("--published-at", type=day, help="YYYY-MM-DD; default: the month after the period")
        parser.add_argument("--dry-run", action="store_true", help="read and report, write nothing")

    def handle(self, *args, **options):
        path = Path(options["file"])
        limit = settings.DIGEST_IMPORT_MAX_BYTES
        try:
            if path.stat().st_size > limit:
                raise CommandError(f"{path} is {path.stat().st_size:,} bytes; posts are read up to {limit:,} "
                                   "(DIGEST_IMPORT_MAX_BYTES).")  # fmt: skip
            raw = path.read_bytes().decode("utf-8-sig")
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}.")
        except UnicodeDecodeError:
            raise CommandError(f"{path} is not UTF-8 text.")
        try:
            report = import_post(
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
            )
        except PostImportError as error:
            raise CommandError(f"{path.name}: {error}")
        for line in report.lines:
            self.stdout.write(line)
        for note in report.notes:
            self.stdout.write(f"note: {note}")
        self.stdout.write(self.style.SUCCESS(report.summary()))
