"""Tabular inlines whose inputs are named: a table cell gives its input no label, the column's
heading names it only for sighted people, so each input carries its field's label as its name."""

from django.contrib import admin


class LabelledTabularInline(admin.TabularInline):
    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class LabelledFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)  # adds "Delete" and "Order": named like the rest
                for field in form.fields.values():
                    if not field.widget.is_hidden:
                        field.widget.attrs.setdefault("aria-label", str(field.label))

        return LabelledFormSet
