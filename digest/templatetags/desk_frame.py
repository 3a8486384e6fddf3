"""The frame of the desk's pages (templates/admin/base_site.html)."""

from django import template

from digest.desk.nav_sidebar import nav_sidebar

register = template.Library()

register.simple_tag(takes_context=True, name="desk_nav_sidebar")(nav_sidebar)
