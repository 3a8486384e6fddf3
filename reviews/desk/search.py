"""The desk's review search: words of the title, authors or text, a reviewer, or an arXiv id.

On PostgreSQL the words go through the GIN index on the stored `search_vector` (reviews/search.py),
as prefixes, so "transf" finds "transformer"; elsewhere they are matched by containment.
"""

import re

from django.db import connection
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL

from ..models import Reviewer, parse_arxiv_id
from ..search import PG_COLUMN

WORD = re.compile(r"\w+")
MAX_REVIEWERS = 50


def review_search_filter(term):
    """A Q matching reviews for the search box text `term` (which is not empty)."""
    words = WORD.findall(term.casefold())
    if connection.vendor == "postgresql" and words:
        tsquery = " & ".join(f"'{word}':*" for word in words)  # \w+ words: nothing to escape
        condition = f"reviews_review.{PG_COLUMN} @@ to_tsquery('simple'::regconfig, %s)"
        text = Q(RawSQL(condition, [tsquery], output_field=BooleanField()))
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
    if arxiv_id := parse_arxiv_id(term):
        match |= Q(paper__arxiv_id=arxiv_id)
    return match


def search_reviews(queryset, term):
    return queryset.filter(review_search_filter(term))
