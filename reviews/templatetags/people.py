"""`{{ user|display_name }}`: the name a person goes by (reviews/names.py)."""

from django import template

from reviews import names

register = template.Library()


@register.filter
def display_name(user):
    return names.display_name(user)
