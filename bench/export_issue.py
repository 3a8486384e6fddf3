"""Benchmark: exporting a 50-review issue, per format, warm (bodies converted and cached) and cold.

    /work/main/.venv/bin/python bench/export_issue.py [--runs 40] [--cold-runs 5]

Uses DATABASE_URL when set, else its own SQLite file bench/export.sqlite3 (migrated on first
use). The issue is made once and reused: 50 reviews whose bodies are the Russian example post's
reviews and the Chinese notes (formulas and tables).
Cold = Django's cache emptied before each export, so every body is converted again; warm = the
conversions come from the cache, as for every export after the first one of a saved version.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digest.settings")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'bench' / 'export.sqlite3'}")

import django  # noqa: E402

django.setup()

from django.core.cache import cache, caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from digest import services as issue_services  # noqa: E402
from digest.export.formats import export_issue  # noqa: E402
from digest.importer import read_post  # noqa: E402
from digest.models import Issue, Series  # noqa: E402
from reviews import services  # noqa: E402
from reviews.models import Reviewer  # noqa: E402

SLUG = "bench-export"
ENTRIES = 50


def bodies():
    post = read_post((ROOT / "digest" / "demo" / "ods-2019-07-09-ru.txt").read_text(encoding="utf-8"))
    notes = (ROOT / "tests" / "fixtures" / "bodies" / "zh-notes.md").read_text(encoding="utf-8")
    texts = [entry.body for entry in post.entries]
    return [texts[n % len(texts)] + ("\n\n" + notes if n % 2 else "") for n in range(ENTRIES)]


@transaction.atomic
def make_issue():
    series, _ = Series.objects.get_or_create(slug=SLUG, defaults={"name": "Benchmark series", "language": "ru"})
    issue = Issue.objects.filter(series=series).first()
    if issue is not None and issue.entries.count() == ENTRIES:
        return issue
    import datetime

    issue = issue or issue_services.create_issue(series=series, period_start=datetime.date(2019, 7, 1))
    reviews = []
    for number, body in enumerate(bodies(), start=1):
        paper = services.propose_paper(
            by=None, title=f"Benchmark paper {number}", authors="A. Author, B. Author", affiliations="Lab", year=2019,
            original_url=f"https://arxiv.org/abs/1907.{number:05d}", arxiv_id=f"1907.{number:05d}",
            links=[("code", "GitHub project", "https://github.com/example/code")],
        )  # fmt: skip
        reviewer, _ = Reviewer.objects.get_or_create(
            chat_handle=f"bench{number % 12}", defaults={"display_name": f"Reviewer {number % 12}"}
        )
        review = services.start_review(paper=paper, reviewer=reviewer, by=None, language="ru", body=body)
        reviews.append(services.import_review_status(review, to="approved", comment="Benchmark"))
    issue_services.add_imported_reviews_to_issue(issue, reviews)
    return issue


def timed(issue, fmt, standalone, runs, cold):
    """Wall-clock and CPU milliseconds per export (CPU time is what this process spent, whatever else runs)."""
    wall, cpu = [], []
    for _ in range(runs):
        if cold:
            cache.clear()
        start, start_cpu = time.perf_counter(), time.process_time()
        text = export_issue(issue, fmt, standalone=standalone)
        cpu.append((time.process_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return wall, cpu, len(text.encode())


def p95(values):
    return sorted(values)[max(0, round(0.95 * len(values)) - 1)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=40, help="warm exports per format")
    parser.add_argument("--cold-runs", type=int, default=5, help="cold exports per format")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    issue = make_issue()
    html_bytes = sum(len(entry.review.body_html.encode()) for entry in issue.entries.select_related("review"))
    print(f"Issue “{issue}”: {issue.entries.count()} reviews, {html_bytes / 1e6:.1f} MB of stored HTML")
    print(f"database: {connection.vendor}; cache: {caches['default'].__class__.__name__}")
    print(
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; times in ms, CPU = this process's CPU time"
    )
    print(
        f"{'format':<11}{'queries':>8}{'warm median':>12}{'p95':>7}{'CPU':>7}"
        f"{'cold median':>13}{'p95':>7}{'CPU':>7}{'size':>9}"
    )
    for fmt, standalone, label in [
        ("markdown", False, "markdown"),
        ("habr", False, "habr"),
        ("html", False, "html"),
        ("html", True, "html page"),
        ("text", False, "text"),
    ]:
        cold, cold_cpu, size = timed(issue, fmt, standalone, args.cold_runs, cold=True)
        export_issue(issue, fmt, standalone=standalone)  # warm the cache
        with CaptureQueriesContext(connection) as queries:
            export_issue(issue, fmt, standalone=standalone)
        warm, warm_cpu, _ = timed(issue, fmt, standalone, args.runs, cold=False)
        median = statistics.median
        print(
            f"{label:<11}{len(queries):>8}{median(warm):>12.1f}{p95(warm):>7.1f}{median(warm_cpu):>7.1f}"
            f"{median(cold):>13.1f}{p95(cold):>7.1f}{median(cold_cpu):>7.1f}{size / 1000:>6.0f} kB"
        )


if __name__ == "__main__":
    main()
