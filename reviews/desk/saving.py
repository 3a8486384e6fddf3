"""Add and change pages whose saves go through the services, for every admin of the desk.

The admin's form validates; the services then check again under a lock and write, or raise and roll
everything back when the object changed in between (someone saved, decided or published meanwhile).
The page then runs the form again, which reports what changed the usual way and keeps what was
typed. A new object is made by the services too (`create`), never by the form's own save.
"""

from django.core.exceptions import ValidationError


class SavedThroughServices:
    """A ModelAdmin mixin. `create(request, form)` returns the new object, made by a service."""

    changed_meanwhile = ValidationError  # what the services raise when the object changed meanwhile

    def create(self, request, form):
        raise NotImplementedError

    def save_form(self, request, form, change):
        unsaved = super().save_form(request, form, change)
        return unsaved if change else self.create(request, form)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # One object at a time: "Save and add another" makes no sense on the desk.
        extra_context = {**(extra_context or {}), "show_save_and_add_another": False}
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except self.changed_meanwhile:
            if request.method != "POST":
                raise
            return super().changeform_view(request, object_id, form_url, extra_context)
