"""The desk's review search: words of the title, authors or text, a reviewer, or an arXiv id.

On PostgreSQL the words go through the GIN index on `search_document` (migration 0003), as
prefixes, so "transf" finds "transformer"; elsewhere they are matched by containment.
"""

import re

from django.db import connection
from django.db.models import Q

from ..models import Reviewer, parse_arxiv_id

WORD = re.compile(r"\w+")
MAX_REVIEWERS = 50


def review_search_filter(term):
    """A Q matching reviews for the search box text `term` (which is not empty)."""
    words = WORD.findall(term.casefold())
    if connection.vendor == "postgresql" and words:
        from django.contrib.postgres.search import SearchQuery

        tsquery = " & ".join(f"{word}:*" for word in words)
        text = Q(_search=SearchQuery(tsquery, config="simple", search_type="raw"))
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
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        # The same expression as the index, so PostgreSQL uses it; alias() keeps it out of the SELECT.
        queryset = queryset.alias(_search=SearchVector("search_document", config="simple"))
    return queryset.filter(review_search_filter(term))
