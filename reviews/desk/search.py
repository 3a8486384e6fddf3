"""The desk's review search: words of the title, authors or text, a reviewer, or an arXiv id.

The words are prefixes, so "transf" finds "transformer", looked up in the full-text index
(reviews/search.py): on PostgreSQL the GIN index on the stored `search_vector`, on SQLite the FTS5
table (matching them by containment read every review's text: 21 s at 100,000 reviews).
"""

import re

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from ..models import Paper, Reviewer, parse_arxiv_id
from ..search import FTS_TABLE, PG_COLUMN

WORD = re.compile(r"\w+")
MAX_REVIEWERS = 50


def review_search_filter(term):
    """A Q matching reviews for the search box text `term` (which is not empty)."""
    words = WORD.findall(term.casefold())
    if connection.vendor == "postgresql" and words:
        tsquery = " & ".join(f"'{word}':*" for word in words)  # \w+ words: nothing to escape
        condition = f"reviews_review.{PG_COLUMN} @@ to_tsquery('simple'::regconfig, %s)"
        text = Q(RawSQL(condition, [tsquery], output_field=BooleanField()))
    elif connection.vendor == "sqlite" and words:
        prefixes = " AND ".join(f'"{word}"*' for word in words)  # \w+ words: no quote to double
        condition = f"reviews_review.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)"
        text = Q(RawSQL(condition, [prefixes], output_field=BooleanField()))
    else:
        text = Q()
        for word in words:
            text &= Q(search_document__contains=word)
    name = term.strip()
    reviewer_ids = list(
        Reviewer.objects.filter(
            Q(display_name__icontains=name) | Q(chat_handle__iexact=name) | Q(blog_handle__iexact=name)
        ).values_list("pk", flat=True)[:MAX_REVIEWERS]
    )
    match = (text if words else Q(pk__in=[])) | Q(reviewer_id__in=reviewer_ids)
    if arxiv_id := parse_arxiv_id(term):  # its papers first: joined, every review's paper was read
        match |= Q(paper_id__in=list(Paper.objects.filter(arxiv_id=arxiv_id).values_list("pk", flat=True)))
    return match


def search_reviews(queryset, term):
    return queryset.filter(review_search_filter(term))
