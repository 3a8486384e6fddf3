"""Benchmark: rendering hostile review bodies (what one preview or autosave may cost).

    .venv/bin/python bench/bounded_markdown.py [--sizes 200000,1000000] [--runs 3]

Prints seconds (best of --runs) per case and size: a 100-column table, runs of bare "www."
domains, runs of "&amp;", and ordinary prose for comparison. The site refuses bodies above
DIGEST_MAX_BODY_BYTES (200 KB); larger sizes show how the renderer's own bounds scale.
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

from reviews.markdown import render_markdown  # noqa: E402


def table(size, columns=100):
    head = "|" + "|".join(f"c{i}" for i in range(columns)) + "|\n"
    rule = "|" + "|".join("---" for _ in range(columns)) + "|\n"
    row = "|" + "|".join("x" for _ in range(columns)) + "|\n"
    return head + rule + row * max(1, (size - len(head) - len(rule)) // len(row))


CASES = {
    "100-column table": table,
    "bare www. runs": lambda size: "www." * (size // 4),
    "www. words": lambda size: "www. " * (size // 5),
    "&amp; runs": lambda size: "&amp;" * (size // 5),
    "prose with links": lambda size: (
        ("Words in a sentence with a link https://example.org and *emphasis*.\n\n") * (size // 70)
    ),
}


def best_of(runs, text):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        render_markdown(text)
        times.append(time.perf_counter() - start)
    return min(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"{'case':<20}" + "".join(f"{size // 1000:>10} kB" for size in sizes))
    for name, make in CASES.items():
        cells = [best_of(args.runs, make(size)) for size in sizes]
        print(f"{name:<20}" + "".join(f"{seconds:>11.2f}s" for seconds in cells), flush=True)


if __name__ == "__main__":
    main()
