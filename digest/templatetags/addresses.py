"""{% path name %} and {% path name argument %}: {% url %} for the public pages' routes, each route
reversed once (digest/archive/paths.py): {% url %} walks the URL configuration every time, ~30-50
µs, and the head of a review or issue page links four feeds."""

from django import template

from ..archive.paths import path_of, path_to

register = template.Library()


@register.simple_tag
def path(name, *arguments):
    """The address of route `name` (with at most one argument: a page's id or slug)."""
    if len(arguments) > 1:
        raise template.TemplateSyntaxError("{% path %} takes a route's name and at most one argument")
    return path_to(name, arguments[0]) if arguments else path_of(name)
