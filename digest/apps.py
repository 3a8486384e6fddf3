from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DigestConfig(AppConfig):
    name = "digest"
    verbose_name = _("Series and issues")

    def ready(self):
        from reviews.drafts import register_template_source

        from .desk import dashboard  # noqa: F401 (adds the issues' parts to the desk's dashboard)
        from .drafts import review_template_for

        register_template_source(review_template_for)  # a new draft starts from its series' template
