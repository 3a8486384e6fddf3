"""Fill an empty database with a large, realistic data set for benchmarks (see bench/)."""

import datetime
import functools
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.test.utils import override_settings
from django.utils import timezone
from tqdm import tqdm

from bench.datagen import DataPresent, generate


def date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--anchor must be a date like 2026-11-01, not {value!r}.")


class Command(BaseCommand):
    help = (
        "Generate reviews, reviewers, papers, series and issues into an empty database, with bulk_create in "
        "batches (100,000 reviews take a few minutes). Bodies are rendered once per distinct body."
    )

    def add_arguments(self, parser):
        parser.add_argument("--reviews", type=int, default=100_000, help="how many reviews (default 100,000)")
        parser.add_argument("--reviewers", type=int, default=10_000, help="how many reviewers (default 10,000)")
        parser.add_argument("--issues", type=int, default=1_000, help="how many issues (default 1,000)")
        parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same data (default 1)")
        parser.add_argument(
            "--anchor", type=date, default=None,
            help="the date the data set is 'now' (default: today); with --seed, makes runs identical",
        )  # fmt: skip
        parser.add_argument("--batch-size", type=int, default=1000, help="rows per INSERT batch (default 1,000)")

    def handle(self, *args, reviews, reviewers, issues, seed, anchor, batch_size, verbosity, **options):
        if reviews < 10 or reviewers < 1 or issues < 1:
            raise CommandError("Generate at least 10 reviews, 1 reviewer and 1 issue.")
        show = verbosity >= 1
        progress = functools.partial(tqdm, disable=not show, file=sys.stderr, leave=False, dynamic_ncols=True)
        started = time.monotonic()
        try:
            with override_settings(DEBUG=False):  # DEBUG would log every INSERT with its 1,000 bodies
                counts = generate(
                    reviews=reviews, reviewers=reviewers, issues=issues, seed=seed,
                    anchor=anchor or timezone.localdate(), progress=progress, batch_size=batch_size,
                )  # fmt: skip
        except DataPresent as error:
            raise CommandError(
                f"The database already holds data ({error}). Generate into an empty database: "
                "point DATABASE_URL at a new one and run migrate first."
            )
        if show:
            summary = ", ".join(f"{count:,} {name}" for name, count in counts.items())
            self.stdout.write(self.style.SUCCESS(f"Generated in {time.monotonic() - started:.0f} s: {summary}."))
