"""Generate a large, varied, deterministic data set: `python bench/generate_data.py`.

Realistic markdown bodies (formulas, tables, links, code) in five languages, every workflow state,
series with issues across the years, paper links, topics, assignments and review events, written
with bulk_create in batches. Invariants kept: published reviews have `published_at` and sit in at
most one issue (those outside issues stand for a back catalogue); reviews in published issues are
published, in planned issues approved; published issues have `published_at`. The simple-history
tables are not filled for generated rows.
"""

import random

from django.contrib.auth import get_user_model
from django.db import connection, transaction

from digest.models import Issue, IssueEntry, Series
from reviews.models import Assignment, Paper, PaperLink, Review, Reviewer, ReviewEvent, Topic

from . import bodies
from .build import Builder, explicit_timestamps, reset_sequences
from .plan import LANGUAGE_WEIGHTS, plan
from .rows import Rows


class DataPresent(Exception):
    """The database already holds reviews, series or issues; generated data needs an empty archive."""


def fast_compression():
    """On PostgreSQL, compress this transaction's large texts (2 GB of bodies) with lz4 where the
    server has it: several times faster than the default pglz, and read back by any connection."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")
        if cursor.fetchone()[0]:
            cursor.execute("SET LOCAL default_toast_compression = 'lz4'")


def generate(*, reviews, reviewers, issues, seed, anchor, progress, batch_size=1000):
    """Fill an empty archive; returns the row counts per model."""
    present = {m.__name__: m.objects.count() for m in (Review, Series, Issue) if m.objects.exists()}
    if present:
        raise DataPresent(", ".join(f"{count} {name.lower()} rows" for name, count in present.items()))
    rng = random.Random(seed)
    shape = plan(rng, reviews=reviews, issues=issues, anchor=anchor)
    pool = bodies.build_pool(rng, bodies.pool_sizes(reviews, LANGUAGE_WEIGHTS), progress)
    User = get_user_model()
    models = [User, Reviewer, Topic, Series, Issue, Paper, PaperLink, Review, IssueEntry, ReviewEvent, Assignment]
    with transaction.atomic(), explicit_timestamps():
        fast_compression()
        builder = Builder(
            rng, shape, pool, reviewers=reviewers, anchor=anchor, batch_size=batch_size, progress=progress
        )
        builder.people()
        builder.catalogue()
        Rows(builder).run()
        reset_sequences(models + [Paper.topics.through, User.groups.through])
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block  # VACUUM needs autocommit
    with connection.cursor() as cursor:  # fresh statistics, so the planner knows the tables' sizes
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    return {model._meta.verbose_name_plural: model.objects.count() for model in models}
