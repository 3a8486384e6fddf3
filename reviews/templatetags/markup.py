"""`{{ text|markdown }}`: the editors' comments, rendered (and sanitised) like the reviews they are about."""

from django import template
from django.utils.safestring import mark_safe

from reviews.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    return mark_safe(render_markdown(text))  # render_markdown sanitises with nh3's allow-list
