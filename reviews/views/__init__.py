"""The members' pages: accounts, papers, their work, and the review editor.

Views decide who may act (rules) and call services to do it; they never write models themselves.
"""

from .accounts import (
    LoginView,
    LogoutView,
    PasswordResetView,
    profile,
    set_language,
    signup,
    signup_confirm,
    signup_sent,
)
from .papers import paper_claim, paper_detail, paper_duplicates, paper_list, paper_propose
from .work import assignment_respond, assignment_start, my_work
from .writing import my_review, review_autosave, review_edit, review_withdraw

__all__ = [
    "LoginView",
    "LogoutView",
    "PasswordResetView",
    "assignment_respond",
    "assignment_start",
    "my_review",
    "my_work",
    "paper_claim",
    "paper_detail",
    "paper_duplicates",
    "paper_list",
    "paper_propose",
    "profile",
    "review_autosave",
    "review_edit",
    "review_withdraw",
    "set_language",
    "signup",
    "signup_confirm",
    "signup_sent",
]
