"""Django's admin, with the desk's own site (digest.desk.site.DeskSite) as its default site."""

from django.contrib.admin.apps import AdminConfig


class DeskAdminConfig(AdminConfig):
    default_site = "digest.desk.site.DeskSite"
