"""The name a person goes by on every page and in every mail: never their e-mail address if avoidable."""


def display_name(user):
    """The reviewer profile's display name, else the account's full name, else the e-mail's local part.

    Callers that list many people select_related("<user>__reviewer") to keep it one query.
    """
    if user is None:
        return ""
    reviewer = getattr(user, "reviewer", None)  # the reverse one-to-one raises an AttributeError subclass
    if reviewer is not None and reviewer.display_name:
        return reviewer.display_name
    return user.get_full_name() or user.get_username().split("@")[0]
