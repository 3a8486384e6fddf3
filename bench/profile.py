"""Where a page's time goes, in-process: wall time, SQL, and this process's CPU, with the queries.

CPU time (of this process: Django, templates and, on SQLite, the database engine too) barely
moves when other jobs share the machine, unlike wall time; on PostgreSQL the server's own work is
in the SQL column only.

    DATABASE_URL=… python -m bench.profile bench/data/prepared-SQLite-100000.json [--page NAME] [--queries]
        [--distinct] [--cprofile N [--sort tottime]]

Uses the fixtures and paths that `make bench` prepared (bench/prepare.py) and Django's test
client, with the settings the measured servers have (DEBUG off). The median of --repeat requests:
of the same URL (the page cache's answer, for a cached page), or with --distinct, for the loads
over many distinct URLs, each of a URL not asked before (a first visit: the page cache misses).
--cprofile N prints the N functions that cost most, by their own and their callees' time (--sort
tottime: by their own time only).
"""

import argparse
import cProfile
import itertools
import json
import os
import pstats
import statistics
import time
from pathlib import Path

import django


def profile(client, page, info, fixtures, repeat, *, distinct=False, profiler=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    data = page.data(fixtures) if page.data else None
    # A first visit of each URL: the prepared list from its third URL on (the first two were asked when preparing).
    paths = itertools.cycle(page.paths(fixtures)[2:]) if distinct and page.paths else itertools.repeat(info["path"])
    send = (lambda path: client.post(path, data)) if page.method == "POST" else client.get
    send(info["path"])
    totals, cpu, sql, captured = [], [], [], None
    for path in itertools.islice(paths, repeat):
        with CaptureQueriesContext(connection) as queries:
            began, began_cpu = time.perf_counter(), time.process_time()
            if profiler:
                profiler.enable()
            send(path)
            if profiler:
                profiler.disable()
            totals.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
        sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
        captured = queries.captured_queries
    return statistics.median(totals), statistics.median(cpu), statistics.median(sql), captured


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("prepared", help="bench/data/prepared-<database>-<size>.json from a `make bench` run")
    parser.add_argument("--page", action="append", help="only these pages (repeatable)")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--queries", action="store_true", help="list each page's queries with their times")
    parser.add_argument("--distinct", action="store_true", help="loads over many URLs: each request a new URL")
    parser.add_argument("--cprofile", type=int, metavar="N", help="print the N costliest functions (cumulative)")
    parser.add_argument("--sort", default="cumulative", help="--cprofile's order: cumulative, or tottime (own time)")
    args = parser.parse_args()
    for name, value in {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "profile", "DJANGO_SECURE_SSL_REDIRECT": "0",
                        "DJANGO_ALLOWED_HOSTS": "127.0.0.1", "DJANGO_ROOT_URLCONF": "bench.urls"}.items():  # fmt: skip
        os.environ.setdefault(name, value)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digest.settings")
    os.environ.setdefault("DJANGO_STATIC_ROOT", os.path.join(os.path.dirname(__file__), "data", "static"))
    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from bench.pages import BARE, PAGES
    from reviews.roles import EDITORS

    prepared = json.loads(Path(args.prepared).read_text())
    fixtures = prepared["fixtures"]
    User = get_user_model()
    clients = {None: Client(HTTP_HOST="127.0.0.1")}
    for login, users in [("editor", User.objects.filter(groups__name=EDITORS)),
                         ("member", User.objects.filter(reviewer__isnull=False, is_staff=False))]:  # fmt: skip
        clients[login] = Client(HTTP_HOST="127.0.0.1")
        clients[login].force_login(users.order_by("id").first())
    print(f"{'page':32} {'wall':>9} {'CPU':>9} {'SQL':>9} {'queries':>7}  path")
    for page in [BARE, *PAGES]:
        info = prepared["pages"][page.name]
        if info["path"] is None or (args.page and page.name not in args.page):
            continue
        profiler = cProfile.Profile() if args.cprofile else None
        total, cpu, sql, queries = profile(
            clients[page.login], page, info, fixtures, args.repeat, distinct=args.distinct, profiler=profiler
        )
        print(f"{page.name:32} {total:7.1f}ms {cpu:7.1f}ms {sql:7.1f}ms {len(queries):7}  {info['path'][:60]}")
        if args.queries:
            for query in queries:
                print(f"{'':34}{float(query['time']) * 1000:7.1f}ms  {query['sql'][:150]}")
        if profiler:
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.cprofile)


if __name__ == "__main__":
    main()
