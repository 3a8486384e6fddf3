"""The public archive: issues, reviews, reviewers and series as readers and crawlers see them.

`views/` (pages, conditional GET, the page cache, paging, share links), `selectors.py` (what each
page reads, in a fixed number of queries), `filters.py` (the review list's filters and search),
`feeds.py`, `sitemaps.py`, and the pages' freshness (`freshness.py`: versions for ETag and the
cache; `prepared.py`: prepared statements for them).
"""
