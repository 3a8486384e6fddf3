"""Everything that writes series, issues and entries: plan, schedule, order, split, translate, publish.

Views, the admin, the importer and commands call these; `digest.services.X` names them all.
"""

from .entries import (
    add_imported_reviews_to_issue,
    add_reviews_to_issue,
    remove_entries,
    reorder_entries,
    split_issue,
    split_plan,
)
from .imports import create_imported_series, record_post_import, set_imported_texts
from .planning import (
    EDITABLE_FIELDS,
    SCHEDULABLE,
    check_issue_translation,
    check_new_issue,
    create_issue,
    issue_period,
    issue_slug,
    month_start,
    period_taken,
    update_issue,
)
from .publishing import (
    blockers_of,
    publication_blockers,
    publish_exported_issue,
    publish_issue,
    record_imported_publication,
    text_fingerprint,
)
from .translations import CompiledTranslation, compile_translation, translation_problem, translations_for

__all__ = [
    "CompiledTranslation",
    "EDITABLE_FIELDS",
    "SCHEDULABLE",
    "add_imported_reviews_to_issue",
    "add_reviews_to_issue",
    "blockers_of",
    "check_issue_translation",
    "check_new_issue",
    "compile_translation",
    "create_imported_series",
    "create_issue",
    "issue_period",
    "issue_slug",
    "month_start",
    "period_taken",
    "publication_blockers",
    "publish_exported_issue",
    "publish_issue",
    "record_imported_publication",
    "record_post_import",
    "remove_entries",
    "reorder_entries",
    "set_imported_texts",
    "split_issue",
    "split_plan",
    "text_fingerprint",
    "translation_problem",
    "translations_for",
    "update_issue",
]
