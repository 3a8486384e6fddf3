"""Queries built and compiled once, then only executed: for the reads every public request makes.

The freshness versions (digest/archive/freshness.py) run on every public request, cache hits included.
Building a query of thirty columns over five joins costs the ORM more than a millisecond, six
times what running it costs; and PostgreSQL then spends up to another millisecond planning the
joins each time. So each query is built once per thread with placeholder arguments and, on
PostgreSQL, prepared once per database connection (PREPARE … EXECUTE: planned once, or with a
plan PostgreSQL keeps); afterwards it is only executed. Prepared statements belong to a server
session: behind a pooler that hands each transaction another session (PgBouncer in transaction
mode), set DIGEST_PREPARED_STATEMENTS=0.
"""

import itertools
import re
import threading
import weakref

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import get_related_populators

_names = itertools.count(1)
# Raw PostgreSQL connection -> {statement name: whether it is prepared there} (they live as long as it).
_prepared_on = weakref.WeakKeyDictionary()
PLACEHOLDER = re.compile(r"%s|%%")
PK, SLUG = -918_273_645, "\x00slug"  # placeholder arguments no real row has


class Prepared:
    """A values_list() query compiled once per thread, then run with other arguments.

    `build(*args)` returns the queryset; each argument must reach the SQL parameters unchanged
    (an exact lookup on an id or a slug); `placeholders` are values no real row has, one per
    argument, that stand for them while the query is compiled.
    """

    def __init__(self, build, *placeholders):
        self.build, self.placeholders = build, placeholders
        self.name = f"digest_prepared_{next(_names)}"
        self.local = threading.local()

    def __call__(self, *args):
        compiled = getattr(self.local, "compiled", None)
        if compiled is None or compiled[0] is not connections[DEFAULT_DB_ALIAS]:
            compiled = self.local.compiled = self.compile()
        connection, compiler, converters, sql, params, slots = compiled
        params = list(params)
        for value, places in zip(args, slots, strict=True):
            for place in places:
                params[place] = value
        with connection.cursor() as cursor:
            if self.prepare_on(connection, sql):
                arguments = f" ({', '.join(['%s'] * len(params))})" if params else ""
                cursor.execute(f"EXECUTE {self.name}{arguments}", params)
            else:
                cursor.execute(sql, params)
            rows = cursor.fetchall()
        return [tuple(row) for row in compiler.apply_converters(rows, converters)] if converters else rows

    def compile(self):
        queryset = self.build(*self.placeholders)
        compiler = queryset.query.get_compiler(DEFAULT_DB_ALIAS)
        sql, params = compiler.as_sql()
        slots = [[place for place, value in enumerate(params) if value == p] for p in self.placeholders]
        if not all(slots):
            raise ValueError("Every argument must reach the query's parameters unchanged.")
        converters = compiler.get_converters([column for column, _sql, _alias in compiler.select[: compiler.col_count]])
        return connections[DEFAULT_DB_ALIAS], compiler, converters, sql, tuple(params), slots

    def prepare_on(self, connection, sql):
        """Whether the statement is prepared on this PostgreSQL connection (preparing it if not).

        PREPARE goes to the driver's own connection, outside Django's cursors: it is part of
        running the query, not a query of its own (query counts stay the same). If it fails, the
        query runs as plain SQL on this connection from then on.
        """
        if connection.vendor != "postgresql" or not settings.DIGEST_PREPARED_STATEMENTS:
            return False
        import psycopg

        raw = connection.connection
        state = _prepared_on.setdefault(raw, {})
        if self.name not in state:
            numbers = itertools.count(1)
            statement = PLACEHOLDER.sub(lambda match: f"${next(numbers)}" if match.group() == "%s" else "%", sql)
            try:
                with raw.transaction():  # a savepoint inside Django's transaction, if one is open
                    raw.execute(f"PREPARE {self.name} AS {statement}")
                state[self.name] = True
            except psycopg.Error:
                state[self.name] = False
        return state[self.name]


class PreparedObjects(Prepared):
    """A model queryset (select_related and deferred fields allowed) compiled once per thread,
    giving model instances as the queryset would: for the public pages' reads of a review or an
    issue by id, whose six joined tables cost the ORM more to compile than the database to run."""

    def __call__(self, *args):
        rows = super().__call__(*args)
        model, init_list, start, end, populators, db = self.local.built
        objects = []
        for row in rows:
            instance = model.from_db(db, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, instance)
            objects.append(instance)
        return objects

    def compile(self):
        """What ModelIterable works out from the compiler on every query, worked out once."""
        compiled = super().compile()
        compiler = compiled[1]
        select, klass_info = compiler.select, compiler.klass_info
        fields = klass_info["select_fields"]
        start, end = fields[0], fields[-1] + 1
        init_list = [column[0].target.attname for column in select[start:end]]
        populators = get_related_populators(klass_info, select, compiler.using)
        self.local.built = klass_info["model"], init_list, start, end, populators, compiler.using
        return compiled


def prefetched(instance, name, objects):
    """Give `instance.<name>.all()` the already read `objects`, as prefetch_related would."""
    queryset = getattr(instance, name).all()
    queryset._result_cache, queryset._prefetch_done = list(objects), True
    if not hasattr(instance, "_prefetched_objects_cache"):
        instance._prefetched_objects_cache = {}
    instance._prefetched_objects_cache[name] = queryset
