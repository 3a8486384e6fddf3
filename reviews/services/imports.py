"""Reviewers of the back catalogue: found by handle first, then by name, else created without an account."""

from django.db import transaction

from ..models import Reviewer


@transaction.atomic
def find_or_create_imported_reviewer(*, name="", chat_handle="", blog_handle="", address="", fallback_name=""):
    """The reviewer a published post names -> (reviewer, "created" | "handle" | "name" | "address").

    Handles decide first (a copy that lost the names still joins the right person), then the
    address of a member's account, then a name that no handle contradicts. A known reviewer's
    empty handles are filled in, and a name replaces a display name that was only a handle.
    `fallback_name` names the reviewer when the post gives neither name, handle nor address.
    """
    chat, blog, name = chat_handle[:100], blog_handle[:100], name[:200]
    reviewer, how = None, ""
    for field_name, value in (("chat_handle", chat), ("blog_handle", blog)):
        if value and reviewer is None:
            reviewer = Reviewer.objects.filter(**{f"{field_name}__iexact": value}).order_by("pk").first()
            how = "handle"
    if reviewer is None and address:
        reviewer = Reviewer.objects.filter(user__email__iexact=address).order_by("pk").first()
        how = "address"
    display_name = (name or chat or blog or address.split("@")[0] or fallback_name)[:200]
    # Without a name, the one the reviewer was given on an earlier import: the address's, or the fallback.
    match_name = name or ("" if chat or blog else display_name)
    if reviewer is None and match_name:
        for candidate in Reviewer.objects.filter(display_name__iexact=match_name).order_by("pk"):
            clashes = (chat and candidate.chat_handle and candidate.chat_handle.casefold() != chat.casefold()) or (
                blog and candidate.blog_handle and candidate.blog_handle.casefold() != blog.casefold()
            )
            if not clashes:
                reviewer, how = candidate, "name"
                break
    if reviewer is None:
        reviewer = Reviewer.objects.create(user=None, display_name=display_name, chat_handle=chat, blog_handle=blog)
        return reviewer, "created"
    updates = {
        key: value
        for key, value in (("chat_handle", chat), ("blog_handle", blog))
        if value and not getattr(reviewer, key)
    }
    if name and reviewer.display_name in {reviewer.chat_handle, reviewer.blog_handle}:
        updates["display_name"] = name  # a copy that lost the name left only the handle
    if updates:
        for field_name, value in updates.items():
            setattr(reviewer, field_name, value)
        reviewer.save(update_fields=list(updates))
    return reviewer, how
