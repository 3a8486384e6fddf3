"""Widgets of the desk that need a little more than Django's own."""

from django import forms
from django.contrib.admin import helpers
from django.contrib.admin.widgets import AutocompleteSelect


class TranslationSelect(AutocompleteSelect):
    """Autocomplete of the review a review translates: only originals, in another language.

    js/admin_translation.js sends the language chosen in the form and the review's own id along
    with the search term; ReviewAdmin.get_search_results narrows the results with them.
    """

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs=extra_attrs)
        attrs["class"] = attrs["class"].replace("admin-autocomplete", "desk-translation-autocomplete")
        attrs.setdefault("data-language-field", "id_language")
        return attrs

    @property
    def media(self):
        return super().media + forms.Media(js=["admin/js/jquery.init.js", "js/admin_translation.js"])


class RememberedSelect(forms.Select):
    """A select whose HTML is kept for the same name, value, attributes and choices: rendering one
    goes through four templates (~0.4 ms), and the review list's action select is the same on
    every page of the list."""

    rendered = {}  # a few entries: the action sets editors have, in each language

    def render(self, name, value, attrs=None, renderer=None):
        key = (
            name,
            value,
            tuple(sorted({**self.attrs, **(attrs or {})}.items())),
            tuple((choice, str(label)) for choice, label in self.choices),
            type(renderer),
        )
        try:
            html = self.rendered.get(key)
        except TypeError:  # a value that cannot be a key (a list): rendered as usual
            return super().render(name, value, attrs, renderer)
        if html is None:
            if len(self.rendered) > 200:
                self.rendered.clear()
            html = self.rendered[key] = super().render(name, value, attrs, renderer)
        return html


class ActionForm(helpers.ActionForm):
    """The admin's action form, its select remembered (RememberedSelect)."""

    action = forms.ChoiceField(label=helpers.ActionForm.base_fields["action"].label, widget=RememberedSelect)
