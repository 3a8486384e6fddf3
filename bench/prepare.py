"""The Django side of a benchmark run, in its own process: `python -m bench.prepare OUT.json ...`.

With the environment the servers will have (DATABASE_URL, DEBUG off, bench.urls): migrate,
generate the data if the database is empty, pick the fixtures, resolve each page's path, and
count each page's SQL queries with Django's test client (the second request, caches warm; for a
load over many distinct URLs, the first request of a URL not asked before), so
that the measured servers carry no instrumentation. Writes everything as JSON to OUT.json.
Exit status 3: the database holds a different data set than the one asked for.
"""

import argparse
import json
import logging
import os
import sys

import django


def not_built(path, response):
    """404, or the admin's answer to an unknown URL under an object: a redirect to '<path>change/'."""
    if response.status_code == 404:
        return True
    return response.status_code in (301, 302) and response.get("Location", "").endswith(f"{path}change/")


def count_queries(client, page, fixtures):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.cookies.clear()
    if page.login:
        client.cookies.load(fixtures["cookies"][page.login])
    data = page.data(fixtures) if page.data else None

    def send(path):
        return client.post(path, data) if page.method == "POST" else client.get(path)

    for path in page.candidates(fixtures):
        if not_built(path, send(path)):
            continue
        if page.paths:  # many distinct URLs: what a first visit costs (the page cache misses)
            path = page.paths(fixtures)[1]
        with CaptureQueriesContext(connection) as queries:
            response = send(path)
        return {"path": path, "status": response.status_code, "queries": len(queries), "bytes": len(response.content)}
    return {"path": None, "status": 404, "queries": None, "bytes": 0}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--reviews", type=int, required=True)
    parser.add_argument("--reviewers", type=int, required=True)
    parser.add_argument("--issues", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digest.settings")
    django.setup()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # candidate paths may answer 404
    from django.core.management import call_command
    from django.test import Client

    from bench.fixtures import collect
    from bench.generate_data import generate_data
    from bench.pages import BARE, PAGES
    from reviews.models import Review

    call_command("migrate", verbosity=0)
    present = Review.objects.count()
    if present and present != args.reviews:
        print(f"the database holds {present:,} reviews, not {args.reviews:,}", file=sys.stderr)
        sys.exit(3)
    if not present:
        generate_data(reviews=args.reviews, reviewers=args.reviewers, issues=args.issues, seed=args.seed)
    fixtures = collect(args.seed)
    client = Client(HTTP_HOST="127.0.0.1")
    pages = {page.name: count_queries(client, page, fixtures) for page in [BARE, *PAGES]}
    with open(args.out, "w") as out:
        json.dump({"fixtures": fixtures, "pages": pages}, out, indent=1)


if __name__ == "__main__":
    main()
