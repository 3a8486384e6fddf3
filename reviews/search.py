"""Full-text search over reviews: one query language, two indexes.

The language: words (every one must match), "a phrase" (its words in that order), and a minus
to exclude a word or a phrase (-word, -"a phrase"). The word "or" is ignored. Case does not
matter (`Review.search_document` is casefolded, and so is the query).

The index follows `Review.search_document` (title, authors and body text) by itself, whatever
writes the row (the services, `bulk_create`, `loaddata`, a restored backup):

- SQLite: an FTS5 table `reviews_review_fts` over the reviews table (external content: it keeps
  only the index), kept in step by triggers on insert, on a change of `search_document` and on
  delete. Results are ranked by bm25.
- PostgreSQL: a stored column `search_vector` (`to_tsvector('simple', search_document)`, a
  generated column) with a GIN index, and one of the published reviews alone (reviews/0012).
  PostgreSQL parses each review once, when it is written; a recheck reads the stored vector.
  Results are ranked by ts_rank.

Both are created by migration reviews/0009; `ensure_index` (run after every migrate) puts back
SQLite's triggers should a later migration rebuild the table (SQLite's way of altering a column
drops them), and refills the index then. `rebuild_index` refills it from scratch.
"""

import re
from dataclasses import dataclass

from django.db import connection as default_connection
from django.db.models import BooleanField, F, FloatField
from django.db.models.expressions import RawSQL

WORD = re.compile(r"\w")
TERM = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')  # -?"a phrase" or -?word

FTS_TABLE = "reviews_review_fts"
FTS_TRIGGERS = {
    f"{FTS_TABLE}_insert": f"""
        CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_insert AFTER INSERT ON reviews_review BEGIN
            INSERT INTO {FTS_TABLE}(rowid, search_document) VALUES (new.id, new.search_document);
        END""",
    f"{FTS_TABLE}_delete": f"""
        CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_delete AFTER DELETE ON reviews_review BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_document)
            VALUES ('delete', old.id, old.search_document);
        END""",
    f"{FTS_TABLE}_update": f"""
        CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_update AFTER UPDATE OF search_document ON reviews_review BEGIN
            INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_document)
            VALUES ('delete', old.id, old.search_document);
            INSERT INTO {FTS_TABLE}(rowid, search_document) VALUES (new.id, new.search_document);
        END""",
}
FTS_CREATE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(search_document, content='reviews_review', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 0')"
)
PG_COLUMN = "search_vector"
PG_INDEX = "reviews_review_search_vector_gin"
# The public search reads published reviews only. With the whole index, a word in half of the
# reviews had PostgreSQL read every published review's vector instead (the status index, then
# the match as a filter): 0.5 s. The published reviews' own index answers the match alone.
PG_PUBLISHED_INDEX = "reviews_review_search_published_gin"
PG_CREATE_PUBLISHED = (
    f"CREATE INDEX IF NOT EXISTS {PG_PUBLISHED_INDEX} ON reviews_review USING gin ({PG_COLUMN}) "
    "WHERE status = 'published'"
)
PG_CREATE = [
    f"ALTER TABLE reviews_review ADD COLUMN IF NOT EXISTS {PG_COLUMN} tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, COALESCE(search_document, ''))) STORED",
    f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON reviews_review USING gin ({PG_COLUMN})",
    PG_CREATE_PUBLISHED,
]
PG_DROP = [
    f"DROP INDEX IF EXISTS {PG_PUBLISHED_INDEX}",
    f"DROP INDEX IF EXISTS {PG_INDEX}",
    f"ALTER TABLE reviews_review DROP COLUMN IF EXISTS {PG_COLUMN}",
]


@dataclass(frozen=True)
class Query:
    """A parsed search: the terms that must match and those that must not (each a word or a phrase)."""

    required: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()

    def __bool__(self):
        return bool(self.required or self.excluded)


def parse(text):
    """The Query of a search box's text; empty when nothing in it can match a word."""
    required, excluded = [], []
    for match in TERM.finditer(" ".join((text or "").split()).casefold()):
        quoted = match[2] is not None
        term = " ".join((match[2] if quoted else match[4]).split())
        if not WORD.search(term) or (term == "or" and not quoted):
            continue
        (excluded if (match[1] if quoted else match[3]) else required).append(term)
    return Query(tuple(dict.fromkeys(required)), tuple(dict.fromkeys(excluded)))


def matching(queryset, query):
    """Reviews of `queryset` (of Review) that match `query`, annotated with `search_rank`:
    the lower, the better the match. A query of exclusions only ranks every review alike."""
    if not query:
        return queryset.none()
    if queryset.db != "default" or default_connection.vendor not in ("sqlite", "postgresql"):
        raise NotImplementedError("full-text search runs on SQLite and PostgreSQL")
    if default_connection.vendor == "postgresql":
        return _postgres(queryset, query)
    return _sqlite(queryset, query)


# Ranking reads each candidate's word counts: a few microseconds a review on SQLite, tens on
# PostgreSQL. A search whose words are in tens of thousands of reviews ranks the newest of them.
RANK_WINDOW = 300


def best_first(matches, query, start, stop, window=RANK_WINDOW):
    """The ids of `matches` (from `matching(…, query)`) from `start` to `stop` in the order of the
    search, best first (the newest first among equals), and whether the window cut the matches.

    When more than `window` reviews match, only the `window` most recently written of them are
    ranked and listed: finding them costs a walk down the index, ranking them all would cost a
    read of every match. A query of exclusions only ranks nothing: newest first.
    """
    if not query.required:
        return list(matches.order_by("-published_at", "-pk").values_list("pk", flat=True)[start:stop]), False
    if default_connection.vendor == "postgresql":
        return _postgres_best_first(matches, query, start, stop, window)
    return _sqlite_best_first(matches, start, stop, window)


# --- SQLite: FTS5 ----------------------------------------------------------------------------


def _fts_string(term):
    return '"' + term.replace('"', '""') + '"'


def fts_expression(terms, joiner):
    return f" {joiner} ".join(_fts_string(term) for term in terms)


def _sqlite(queryset, query):
    excluded = fts_expression(query.excluded, "OR")
    if not query.required:
        where = f"reviews_review.id NOT IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
        return queryset.filter(RawSQL(where, [excluded], output_field=BooleanField())).annotate(
            search_rank=RawSQL("0", [], output_field=FloatField())
        )
    expression = fts_expression(query.required, "AND")
    if query.excluded:
        expression = f"({expression}) NOT ({excluded})"
    return queryset.extra(
        select={"search_rank": f"{FTS_TABLE}.rank", "search_id": f"{FTS_TABLE}.rowid"},
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE} MATCH %s", f"{FTS_TABLE}.rowid = reviews_review.id"],
        params=[expression],
    )


# A page of the newest `window` matches, ranked; each row says how many the walk found (one more
# than `window` when there are more).
SQLITE_RANKED_PAGE = (
    "SELECT window_id, window_size FROM ("
    " SELECT window_id, window_at, search_rank AS window_rank, COUNT(*) OVER () AS window_size,"
    " ROW_NUMBER() OVER (ORDER BY window_id DESC) AS age FROM ({newest}) newest"
    ") ranked WHERE age <= %s ORDER BY window_rank, window_at DESC, window_id DESC LIMIT %s OFFSET %s"
)


def _sqlite_best_first(matches, start, stop, window):
    """One walk down the index, newest first, in one query; bm25 is computed for the rows the walk
    yields only (its first call counts each word's reviews in the whole index: most of its cost)."""
    newest = (
        matches.order_by("-search_id")
        .annotate(window_id=F("pk"), window_at=F("published_at"))
        .values_list("window_id", "window_at", "search_rank")
    )
    ids, size = _ranked_page(SQLITE_RANKED_PAGE, newest, [], window, start, stop)
    return ids, size > window


def _ranked_page(template, newest, rank_params, window, start, stop):
    """(The ids of the page, how many matches the window holds) of `template` around the query
    `newest` (the matches, newest first, as window_id and window_at)."""
    sql, params = newest[: window + 1].query.sql_with_params()
    with default_connection.cursor() as cursor:
        cursor.execute(template.format(newest=sql), [*rank_params, *params, window, stop - start, start])
        found = cursor.fetchall()
    return [pk for pk, _size in found], found[0][1] if found else 0


# --- PostgreSQL: a stored tsvector ----------------------------------------------------------


def _tsquery(query):
    """SQL for the tsquery of `query` and its parameters: each term parsed by PostgreSQL's own
    parser (as the documents were), words with plainto_tsquery, phrases with phraseto_tsquery."""
    parts, params = [], []
    for term in query.required:
        parts.append(f"{'phraseto_tsquery' if ' ' in term else 'plainto_tsquery'}('simple'::regconfig, %s)")
        params.append(term)
    for term in query.excluded:
        parts.append(f"!!{'phraseto_tsquery' if ' ' in term else 'plainto_tsquery'}('simple'::regconfig, %s)")
        params.append(term)
    return " && ".join(parts), params


# A word in tens of thousands of reviews: its newest matches are looked for among the newest
# reviews first (the GIN index's matches intersected with a range of the primary key), then among
# four times as many, then among all. Reading every match's row to sort them was most of such a
# search's cost (60 ms for a word in 45,000 reviews; 9 ms among the newest 5,000). Ranking comes
# after the window is found: in the window's own query, ts_rank would be computed for every match
# before the sort (3 s).
#
# The ranges are tried by one statement: each is a CTE that runs (a one-time filter) only when no
# earlier range held the whole window, and the window's rows carry their stored vectors (TOAST
# pointers) to ts_rank rather than being read again by their ids. As one statement a range each
# (a range that fell short was ranked, then thrown away) and with that second read, the
# benchmark's searches took 10.2 ms (median) instead of 8.5. The ranges' bounds are constants:
# with the newest id as a subquery the planner no longer intersects the primary key's range with
# the GIN index's matches, and reads every match.
NEWEST_SPANS = (20, 80)  # × window: how many of the newest ids to look among, in turn
NO_ID = -918_273_645  # stands for a range's lower bound while its query is compiled
PG_RANKED_PAGE = (
    "WITH {ranges}, newest AS ({chosen})"
    " SELECT window_id, window_size FROM ("
    " SELECT window_id, window_at, -ts_rank(window_vector, {tsquery}) AS window_rank,"
    " COUNT(*) OVER () AS window_size, ROW_NUMBER() OVER (ORDER BY window_id DESC) AS age FROM newest"
    ") page WHERE age <= %s ORDER BY window_rank, window_at DESC, window_id DESC LIMIT %s OFFSET %s"
)


def _postgres_best_first(matches, query, start, stop, window):
    """best_first on PostgreSQL: the ranges of NEWEST_SPANS, then all matches, in one statement."""
    newest = (
        matches.order_by("-pk")
        .annotate(
            window_id=F("pk"), window_at=F("published_at"), window_vector=RawSQL(f"reviews_review.{PG_COLUMN}", [])
        )
        .values_list("window_id", "window_at", "window_vector")
    )
    last, rows = _newest_id_and_rows()
    spans = [window * times for times in NEWEST_SPANS if rows > window * times]
    # The ranges' query is compiled once (a millisecond of the ORM's time for the three), its
    # lower bound a placeholder that each range replaces.
    ranged = newest.filter(pk__gt=NO_ID)[: window + 1].query.sql_with_params() if spans else None
    ranges, params = [], []
    for number, span in enumerate([*spans, None]):
        if span is None:
            sql, found_params = newest[: window + 1].query.sql_with_params()
        else:
            sql, found_params = ranged[0], [last - span if param == NO_ID else param for param in ranged[1]]
        earlier = " AND ".join(f"NOT EXISTS (SELECT FROM range_{before} OFFSET %s)" for before in range(number))
        ranges.append(
            f"range_{number} AS MATERIALIZED (SELECT * FROM ({sql}) found{' WHERE ' if earlier else ''}{earlier})"
        )
        params += [*found_params, *[window] * number]
    whole = [
        f"SELECT * FROM range_{number} WHERE EXISTS (SELECT FROM range_{number} OFFSET %s)"
        for number in range(len(spans))
    ]
    tsquery, tsquery_params = _tsquery(query)
    sql = PG_RANKED_PAGE.format(
        ranges=", ".join(ranges),
        chosen=" UNION ALL ".join([*whole, f"SELECT * FROM range_{len(spans)}"]),
        tsquery=tsquery,
    )
    with default_connection.cursor() as cursor:
        cursor.execute(sql, [*params, *[window] * len(spans), *tsquery_params, window, stop - start, start])
        found = cursor.fetchall()
    return [pk for pk, _size in found], bool(found) and found[0][1] > window


def _newest_id_and_rows():
    """The newest review's id as the table's sequence gave it and the number of reviews as the
    planner's statistics have it, without reading the table (its index's maximum is not found with
    the search's plans: bitmap scans only). A range from a sequence behind the newest id (rows
    written with their ids) still holds the newest; a table of few reviews is searched whole."""
    with default_connection.cursor() as cursor:
        cursor.execute(
            "SELECT COALESCE(pg_sequence_last_value(pg_get_serial_sequence('reviews_review', 'id')), 0), "
            "(SELECT reltuples FROM pg_class WHERE oid = 'reviews_review'::regclass)"
        )
        return cursor.fetchone()


def _postgres(queryset, query):
    tsquery, params = _tsquery(query)
    column = f"reviews_review.{PG_COLUMN}"
    condition = RawSQL(f"{column} @@ ({tsquery})", params, output_field=BooleanField())
    rank = RawSQL(f"-ts_rank({column}, {tsquery})", params, output_field=FloatField())
    return queryset.filter(condition).annotate(search_rank=rank)


# --- the index itself ---------------------------------------------------------------------------


def create_index(connection):
    """Create the index and fill it from the reviews already there (migration reviews/0009)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in PG_CREATE:
                cursor.execute(statement)
        elif connection.vendor == "sqlite":
            cursor.execute(FTS_CREATE)
            for statement in FTS_TRIGGERS.values():
                cursor.execute(statement)
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def drop_index(connection):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for statement in PG_DROP:
                cursor.execute(statement)
        elif connection.vendor == "sqlite":
            for name in FTS_TRIGGERS:
                cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


def ensure_index(connection):
    """SQLite: put back missing triggers (a migration that rebuilt the reviews table dropped them),
    and refill the index then. Returns True when something was repaired."""
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE %s", [f"{FTS_TABLE}%"])
        present = {name for (name,) in cursor.fetchall()}
    if FTS_TABLE not in present or not set(FTS_TRIGGERS) - present:
        return False  # before migration 0009, or nothing missing
    create_index(connection)
    return True


def rebuild_index(connection):
    """Refill the index from every review's search_document (SQLite; PostgreSQL's column is computed)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
