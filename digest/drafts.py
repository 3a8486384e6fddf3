"""The series' review templates, for the text a new draft starts from (registered in apps.py)."""

from django.db.models import F, Max

from .models import Series


def review_template_for(language):
    """The review template of the series publishing in `language` (the one with the latest issue)."""
    series = (
        Series.objects.filter(language=language)
        .exclude(review_template="")
        .annotate(latest=Max("issues__planned_for"))
        .order_by(F("latest").desc(nulls_last=True), "name")
        .values_list("review_template", flat=True)
    )
    return (series.first() or "").replace("\r\n", "\n")
