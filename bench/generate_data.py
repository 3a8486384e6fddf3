"""Fill an empty database with a large, realistic data set for the benchmarks (bench/datagen/).

    .venv/bin/python bench/generate_data.py --reviews 100000 --reviewers 10000 --issues 1000 --seed 1

Reviews, reviewers, papers, series and issues in every state, with bulk_create in batches
(100,000 reviews take a few minutes); bodies are rendered once per distinct body. The database is
the app's (DATABASE_URL); it must be migrated and empty. A tool of the benchmark and the tests,
not of the app, so it lives here rather than among the app's management commands.
"""

import argparse
import datetime
import functools
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class GenerateError(Exception):
    """Refused: the arguments or the database do not allow generating."""


def generate_data(*, reviews=100_000, reviewers=10_000, issues=1_000, seed=1, anchor=None, batch_size=1000,
                  verbosity=1):  # fmt: skip
    """Generate into the current database; returns {what: count}. Raises GenerateError when refused."""
    # Imported here: as a script, Django is set up in main() first.
    from django.test.utils import override_settings
    from django.utils import timezone
    from tqdm import tqdm

    from bench.datagen import DataPresent, generate

    if reviews < 10 or reviewers < 1 or issues < 1:
        raise GenerateError("Generate at least 10 reviews, 1 reviewer and 1 issue.")
    progress = functools.partial(tqdm, disable=verbosity < 1, file=sys.stderr, leave=False, dynamic_ncols=True)
    try:
        with override_settings(DEBUG=False):  # DEBUG would log every INSERT with its 1,000 bodies
            return generate(
                reviews=reviews, reviewers=reviewers, issues=issues, seed=seed,
                anchor=anchor or timezone.localdate(), progress=progress, batch_size=batch_size,
            )  # fmt: skip
    except DataPresent as error:
        raise GenerateError(
            f"The database already holds data ({error}). Generate into an empty database: "
            "point DATABASE_URL at a new one and run migrate first."
        )


def date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--anchor must be a date like 2026-11-01, not {value!r}.")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reviews", type=int, default=100_000, help="how many reviews (default 100,000)")
    parser.add_argument("--reviewers", type=int, default=10_000, help="how many reviewers (default 10,000)")
    parser.add_argument("--issues", type=int, default=1_000, help="how many issues (default 1,000)")
    parser.add_argument("--seed", type=int, default=1, help="the same seed gives the same data (default 1)")
    parser.add_argument(
        "--anchor", type=date, default=None,
        help="the date the data set is 'now' (default: today); with --seed, makes runs identical",
    )  # fmt: skip
    parser.add_argument("--batch-size", type=int, default=1000, help="rows per INSERT batch (default 1,000)")
    parser.add_argument("--quiet", action="store_true", help="no progress bars and no summary")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digest.settings")
    import django

    django.setup()
    started = time.monotonic()
    try:
        counts = generate_data(
            reviews=args.reviews, reviewers=args.reviewers, issues=args.issues, seed=args.seed, anchor=args.anchor,
            batch_size=args.batch_size, verbosity=0 if args.quiet else 1,
        )  # fmt: skip
    except GenerateError as error:
        parser.exit(2, f"{parser.prog}: {error}\n")
    if not args.quiet:
        summary = ", ".join(f"{count:,} {name}" for name, count in counts.items())
        print(f"Generated in {time.monotonic() - started:.0f} s: {summary}.")


if __name__ == "__main__":
    main()
