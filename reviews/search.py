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
from django.db.models import BooleanField, FloatField
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


def ranked(matches, query, window=RANK_WINDOW):
    """(`matches` (from `matching(…, query)`), best first (the newest first among equals), whether it was cut).

    When more than `window` reviews match, only the `window` most recently written of them are
    ranked and listed: finding them costs a walk down the index, ranking them all would cost a
    read of every match.
    """
    cut = False
    if query.required:  # (a query of exclusions only ranks nothing)
        newest = matches.order_by(f"-{_id_of(matches)}").values_list("pk", flat=True)
        beyond = list(newest[window : window + 1])
        if beyond:
            matches, cut = _newer_than(matches, beyond[0]), True
    return matches.order_by("search_rank", "-published_at", "-pk"), cut


def _id_of(matches):
    """The id column the index walks in order: the FTS table's own on SQLite."""
    return "search_id" if default_connection.vendor == "sqlite" else "pk"


def _newer_than(matches, pk):
    if default_connection.vendor == "sqlite":  # a rowid range the FTS table reads as such
        return matches.extra(where=[f"{FTS_TABLE}.rowid > %s"], params=[pk])
    return matches.filter(pk__gt=pk)


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
