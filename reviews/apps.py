from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _keep_editors_group(sender, apps=None, **kwargs):
    from django.apps import apps as global_apps

    from .roles import ensure_editors_group

    ensure_editors_group(apps or global_apps)


def _keep_search_index(sender, using="default", **kwargs):
    from django.db import connections

    from .search import ensure_index

    ensure_index(connections[using])


class ReviewsConfig(AppConfig):
    name = "reviews"
    verbose_name = _("Papers and reviews")

    def ready(self):
        from . import throttle  # noqa: F401  (counts failed log-ins per address)

        # After the digest app, the last of ours, has migrated: every content type exists by then.
        post_migrate.connect(_keep_editors_group, sender=self.apps.get_app_config("digest"))
        post_migrate.connect(_keep_search_index, sender=self)
