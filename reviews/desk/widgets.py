"""Widgets of the desk that need a little more than Django's own."""

from django import forms
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
