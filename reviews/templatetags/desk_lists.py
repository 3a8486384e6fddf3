"""The desk's busiest changelists, rendered without the admin's per-cell machinery.

Django's `result_list` looks each cell up through `lookup_field`, renders each row's checkbox
through a form widget and its templates, and resolves the list's URL again for every row to keep
the filters in the change link: about 2 ms a row. `fast_result_list` builds the same cells
directly, each row with one format string: the list's columns are the model admin's display
methods (or its `list_columns()`, the same for a whole list, with what rows share found once) and
plain model fields; the first column links to the change page. The table around them is the
admin's own (admin/reviews/fast_change_list_results.html, its rows joined here). Used by
ReviewAdmin's changelist (templates/admin/reviews/review/change_list.html).
"""

import html
from operator import attrgetter
from urllib.parse import parse_qsl

from django import template
from django.contrib.admin.templatetags.admin_list import admin_list_filter, result_headers, result_hidden_fields
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import quote
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils.encoding import iri_to_uri
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

register = template.Library()

CHECKBOX = (
    '<td class="action-checkbox"><input type="checkbox" name="_selected_action" value="{}" '
    'class="action-select" aria-label="{}"></td>'
)


def _column(model_admin, name, fields, own):
    """How one column's value is read from a row, found once for the list: the model admin's own
    (list_columns(): what rows share computed once), a field's choice label, a field, or the
    model admin's display method."""
    if name in own:
        return own[name]
    if name in fields:
        field = fields[name]
        if field.choices:  # get_FOO_display() without building the choices dict for each row
            labels = {value: str(label) for value, label in field.flatchoices}
            return lambda obj: labels.get(getattr(obj, field.attname), getattr(obj, field.attname))
        return attrgetter(field.attname)
    return getattr(model_admin, name)


def _preserved_filters(cl):
    """What add_preserved_filters() adds to a change page's link: the list's filters. It also
    resolves the link to see whether it is the list itself (about 1 ms among the admin's URLs);
    a change page never is."""
    filters = dict(parse_qsl(cl.preserved_filters))
    return f"?{urlencode(filters)}" if filters else ""


def _value(column, obj, empty):
    try:
        value = column(obj)
    except ObjectDoesNotExist:
        return empty
    return empty if value is None or value == "" else value


def _escape(value):
    """conditional_escape() without its lazy-string wrapper (about ten values a row)."""
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))


def _cell_format(name, links):
    """A column's cell as a format string; its values are escaped (_escape) before they fill it."""
    if name == "action_checkbox":
        return CHECKBOX
    css = escape(name).replace("{", "{{").replace("}", "}}")
    return (
        f'<th class="field-{css}"><a href="{{}}">{{}}</a></th>'
        if name in links
        else f'<td class="field-{css}">{{}}</td>'
    )


@register.simple_tag(takes_context=True)
def add_link_filters(context, url, popup=False, to_field=None):
    """add_preserved_filters() for the list's "Add" link (admin/reviews/review/change_list_object_tools.html):
    the add page is never the list, so the link is not resolved to find out (~0.7 ms among the
    admin's URLs). A popup's link is Django's own."""
    if popup or to_field or context.get("preserved_qsl") or "?" in url:
        return add_preserved_filters(context, url, popup, to_field)
    filters = dict(parse_qsl(context.get("preserved_filters") or ""))
    return f"{url}?{urlencode(filters)}" if filters else url


@register.inclusion_tag("admin/reviews/fast_change_list_results.html", takes_context=True)
def fast_result_list(context, cl):
    model_admin, opts = cl.model_admin, cl.opts
    fields = {field.name: field for field in opts.concrete_fields}
    own = model_admin.list_columns() if hasattr(model_admin, "list_columns") else {}
    columns = {name: _column(model_admin, name, fields, own) for name in cl.list_display if name != "action_checkbox"}
    empty = model_admin.get_empty_value_display()
    change_url = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=["0"], current_app=model_admin.admin_site.name
    )
    prefix, suffix = change_url.rsplit("/0/", 1)
    query = _preserved_filters(cl)
    links = set(cl.list_display_links or cl.list_display[1:2])
    label = gettext("Select this object for an action - {}")
    row = "".join(_cell_format(name, links) for name in cl.list_display)  # one format a row
    rows = []
    for obj in cl.result_list:
        values = []
        for name in cl.list_display:
            if name == "action_checkbox":
                values += [obj.pk, label.format(obj)]
                continue
            if name in links:
                values.append(f"{prefix}/{quote(obj.pk)}/{suffix}{query}")
            values.append(_value(columns[name], obj, empty))
        rows.append(mark_safe(row.format(*map(_escape, values))))
    headers = list(result_headers(cl))
    return {
        "cl": cl,
        "result_hidden_fields": list(result_hidden_fields(cl)),
        "result_headers": headers,
        "num_sorted_fields": sum(1 for header in headers if header["sortable"] and header["sorted"]),
        "results": rows,
        "rows": mark_safe("".join(f"\n\n<tr>{row}</tr>\n" for row in rows)),
    }


# Django's admin/filter.html, with the same spaces (the first line is its {% load %}).
FILTER = (
    '\n<details data-filter-title="{}" open>\n  <summary>\n    {}\n  </summary>\n  <ul>\n  {}\n  </ul>\n</details>\n'
)
FILTER_CHOICE = '\n    <li{}>\n    <a href="{}">{}</a></li>\n  '


def _filter(cl, spec, by):
    choices = "".join(
        FILTER_CHOICE.format(
            ' class="selected"' if choice["selected"] else "",
            _escape(iri_to_uri(choice["query_string"])),
            _escape(choice["display"]),
        )
        for choice in spec.choices(cl)
    )
    return FILTER.format(_escape(spec.title), by % {"filter_title": _escape(spec.title)}, choices)


@register.simple_tag
def fast_list_filters(cl):
    """The list's filters as admin_list_filter renders them; those in Django's admin/filter.html are
    built here, without a template (a template loop costs about 30 µs a choice)."""
    by = gettext(" By %(filter_title)s ")
    return mark_safe(
        "".join(
            _filter(cl, spec, by) if spec.template == "admin/filter.html" else admin_list_filter(cl, spec)
            for spec in cl.filter_specs
        )
    )
