"""Everything that writes papers, assignments and reviews; views, admin and commands call these.

`transition_review` (workflow.py) is the only writer of `Review.status` besides
`import_review_status` for the back catalogue: it locks the row, checks the transition table and
the actor's role, stamps the time, records an event, and queues mail to the people concerned in the
same transaction (the outbox, reviews/outbox/).
"""

from .assignments import ASSIGNMENT_MOVES, assign_paper, claim_paper, default_due_date, set_assignment_status
from .errors import EditConflict, InvalidTransition, NotAllowed, WorkflowError
from .imports import find_or_create_imported_reviewer
from .papers import find_duplicates, propose_paper, reject_paper
from .people import (
    claim_and_start_review,
    confirm_sign_up,
    content_language,
    invite_reviewer,
    register_member,
    reviewer_for_user,
    set_interface_language,
    sign_up,
    update_profile,
)
from .translations import check_translation_link, link_translation
from .workflow import (
    STAMPS,
    approve_review,
    import_review_status,
    reject_review,
    request_changes,
    submit_review,
    transition_review,
    withdraw_review,
)
from .writing import restore_review_version, start_review, update_review

__all__ = [
    "ASSIGNMENT_MOVES",
    "STAMPS",
    "EditConflict",
    "InvalidTransition",
    "NotAllowed",
    "WorkflowError",
    "approve_review",
    "assign_paper",
    "check_translation_link",
    "claim_and_start_review",
    "claim_paper",
    "confirm_sign_up",
    "content_language",
    "default_due_date",
    "find_duplicates",
    "find_or_create_imported_reviewer",
    "import_review_status",
    "invite_reviewer",
    "link_translation",
    "propose_paper",
    "register_member",
    "reject_paper",
    "reject_review",
    "request_changes",
    "restore_review_version",
    "reviewer_for_user",
    "set_assignment_status",
    "set_interface_language",
    "sign_up",
    "start_review",
    "submit_review",
    "transition_review",
    "update_profile",
    "update_review",
    "withdraw_review",
]
