"""The issue workspace's repeated rows (templates/admin/digest/workspace/_entries.html, _pool.html),
written with format_html rather than a template loop: a row costs a tenth of the template's
lookups, escapes and translations, and the page and the JSON regions show tens of them. The
markup and the words are the templates' own, byte for byte."""

from django import template
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext

register = template.Library()

SHOWN_WITHOUT_BADGE = {"approved", "published"}


def _entry_tools(entry, first, last):
    title = {"title": conditional_escape(entry.title)}
    return format_html(
        '\n          <span class="ws-entry-tools">'
        '\n            <button type="button" class="ws-icon-button" data-move="-1" aria-label="{}"{}>↑</button>'
        '\n            <button type="button" class="ws-icon-button" data-move="1" aria-label="{}"{}>↓</button>'
        '\n            <button type="submit" class="ws-remove" form="ws-remove-form" name="reviews" value="{}"'
        ' aria-label="{}">{}</button>'
        "\n          </span>\n          ",
        mark_safe(gettext("Move “%(title)s” up") % title),
        mark_safe(" disabled") if first else "",
        mark_safe(gettext("Move “%(title)s” down") % title),
        mark_safe(" disabled") if last else "",
        entry.review_id,
        mark_safe(gettext("Remove “%(title)s” from the issue") % title),
        gettext("Remove"),
    )


@register.simple_tag
def workspace_entry_items(entries, may_change):
    """The <li> of each entry (digest.desk.workspace.Entry), numbered from 1."""
    handle = (
        format_html('<span class="ws-handle" aria-hidden="true" title="{}"></span>', gettext("Drag to move"))
        if may_change
        else ""
    )
    items = []
    for number, entry in enumerate(entries, start=1):
        badge = (
            ""
            if entry.status in SHOWN_WITHOUT_BADGE
            else format_html(' <span class="desk-badge desk-badge--{}">{}</span>', entry.status, entry.status_label)
        )
        items.append(
            format_html(
                '\n        <li class="ws-entry" data-review="{}"{}>'
                "\n          {}"
                '\n          <span class="ws-number">{}.</span>'
                '\n          <span class="ws-entry-main">'
                '\n            <a class="ws-entry-title" href="{}">{}</a>'
                '\n            <span class="ws-entry-meta">{}{}</span>'
                "\n          </span>"
                "\n          {}"
                "\n        </li>\n      ",
                entry.review_id,
                mark_safe(' draggable="true"') if may_change else "",
                handle,
                number,
                reverse("admin:reviews_review_change", args=[entry.review_id]),
                entry.title,
                entry.reviewer_name,
                badge,
                _entry_tools(entry, number == 1, number == len(entries)) if may_change else "",
            )
        )
    return mark_safe("".join(items))


@register.simple_tag
def workspace_pool_rows(reviews):
    """The <tr> of each review of a page of the pool (with its paper and reviewer)."""
    return format_html_join(
        "",
        "\n          <tr>"
        '\n            <td class="ws-tick"><input type="checkbox" name="reviews" value="{}" id="pool-{}"></td>'
        '\n            <td><label for="pool-{}">{}</label></td>'
        "\n            <td>{}</td>"
        '\n            <td class="ws-date">{}</td>'
        "\n          </tr>\n        ",
        (
            (
                review.pk,
                review.pk,
                review.pk,
                review.paper.title,
                review.reviewer.display_name,
                date_format(template_localtime(review.decided_at), "SHORT_DATE_FORMAT") if review.decided_at else "—",
            )
            for review in reviews
        ),
    )
