"""The public archive: only published issues and reviews ever reach a reader here."""

from .issues import home, issue_detail, series_detail
from .reviews import review_detail, review_list, reviewer_detail

__all__ = ["home", "issue_detail", "review_detail", "review_list", "reviewer_detail", "series_detail"]
