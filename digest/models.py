"""Series (with the labels of their post format), issues and the entries that order reviews in them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from reviews.models import Review, web_url
from reviews.validators import has_control_characters, one_line

from .titles import issue_title

LABEL_HELP = _("Leave empty to use the default for the series' language.")


class Series(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True, help_text=_('e.g. "Читаем статьи за вас"'))
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.CONTENT_LANGUAGES, default="en")
    translation_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="translations",
        verbose_name=_("translation of"), help_text=_("The series this one publishes translations of."),
    )  # fmt: skip
    # The post format: every label is per series, with language defaults (digest/labels.py).
    title_pattern = models.CharField(
        _("title pattern"), max_length=200, blank=True, help_text=_("Placeholders: {name}, {period}, {part}.")
    )
    part_pattern = models.CharField(_("part pattern"), max_length=100, blank=True, help_text=_("Placeholder: {part}."))
    period_format = models.CharField(
        _("year-month format"), max_length=40, blank=True,
        help_text=_('A Django date format such as "F Y"; empty uses the language\'s YEAR_MONTH_FORMAT.'),
    )  # fmt: skip
    intro = models.TextField(_("intro"), blank=True, help_text=_("Markdown, shown before the table of contents."))
    toc_heading = models.CharField(_("table of contents heading"), max_length=200, blank=True, help_text=LABEL_HELP)
    previous_heading = models.CharField(_("previous issues heading"), max_length=200, blank=True, help_text=LABEL_HELP)
    authors_label = models.CharField(_("paper authors label"), max_length=100, blank=True, help_text=LABEL_HELP)
    original_label = models.CharField(_("original article label"), max_length=100, blank=True, help_text=LABEL_HELP)
    links_prefix = models.CharField(_("links line prefix"), max_length=20, blank=True, help_text=LABEL_HELP)
    links_separator = models.CharField(_("links separator"), max_length=20, blank=True, help_text=LABEL_HELP)
    review_author_label = models.CharField(_("review author label"), max_length=100, blank=True, help_text=LABEL_HELP)
    chat_label = models.CharField(_("chat handle label"), max_length=100, blank=True, help_text=LABEL_HELP)
    blog_label = models.CharField(_("blog handle label"), max_length=100, blank=True, help_text=LABEL_HELP)
    outro = models.TextField(_("outro"), blank=True, help_text=_("Markdown, shown after the last review."))
    review_template = models.TextField(
        _("review template"), blank=True,
        help_text=_(
            "Markdown a new draft in the series' language starts from, e.g. the headings "
            "“## Motivation”, “## Method”, “## Results”, “## Opinion”. Empty: drafts start blank."
        ),
    )  # fmt: skip
    target_min_entries = models.PositiveSmallIntegerField(_("target entries, at least"), default=8)
    target_max_entries = models.PositiveSmallIntegerField(_("target entries, at most"), default=12)
    previous_links_count = models.PositiveSmallIntegerField(
        _("links to previous issues"), default=0, help_text=_("How many earlier issues the post links to; 0 for none.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("series")
        verbose_name_plural = pgettext_lazy("plural", "series")  # one English word, two Russian ones
        constraints = [
            models.CheckConstraint(
                condition=Q(target_max_entries__gte=F("target_min_entries")), name="series_target_range_ordered"
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("series_detail", args=[self.slug])

    ONE_LINE_FIELDS = [
        "name", "title_pattern", "part_pattern", "period_format", "toc_heading", "previous_heading",
        "authors_label", "original_label", "links_prefix", "links_separator", "review_author_label",
        "chat_label", "blog_label",
    ]  # fmt: skip

    def clean(self):
        """The name and the labels are one line each: they become headings and lines of the post."""
        fields = [field for field in self.ONE_LINE_FIELDS if has_control_characters(getattr(self, field))]
        if fields:
            raise ValidationError(dict.fromkeys(fields, one_line.message))


class IssueStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    PUBLISHED = "published", _("Published")


class IssueQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=IssueStatus.PUBLISHED)

    def planned(self):
        return self.filter(status=IssueStatus.PLANNED)

    def in_planning_order(self):
        """The next to publish first: by planned date (undated last), then by period; with the series."""
        return self.select_related("series").order_by(F("planned_for").asc(nulls_last=True), "period_start", "pk")

    def with_entry_count(self):
        return self.annotate(entry_count=Count("entries"))


class Issue(models.Model):
    series = models.ForeignKey(Series, on_delete=models.PROTECT, related_name="issues", verbose_name=_("series"))
    slug = models.SlugField(_("slug"), max_length=120, unique=True, allow_unicode=True)
    period_start = models.DateField(_("first month"), help_text=_("Any day of the month; the month is what counts."))
    period_end = models.DateField(_("last month"))
    part = models.PositiveSmallIntegerField(_("part"), null=True, blank=True)
    planned_for = models.DateField(_("planned date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=IssueStatus.choices, default=IssueStatus.PLANNED, editable=False
    )
    published_url = models.URLField(_("public URL"), max_length=500, blank=True, editable=False, validators=[web_url])
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    published_text = models.TextField(_("text as published"), blank=True, editable=False)
    intro = models.TextField(_("intro"), blank=True, help_text=_("Markdown; empty uses the series' intro."))
    outro = models.TextField(_("outro"), blank=True, help_text=_("Markdown; empty uses the series' outro."))
    translation_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="translations",
        verbose_name=_("translation of"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = IssueQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-part", "-id"]
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="issue_period_ordered"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False), name="issue_published_has_date"
            ),
            models.UniqueConstraint(
                fields=["series", "period_start", "period_end"],
                condition=Q(part__isnull=True),
                name="issue_unique_period_without_part",
            ),
            models.UniqueConstraint(
                fields=["series", "period_start", "period_end", "part"],
                condition=Q(part__isnull=False),
                name="issue_unique_period_part",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["series", "status", "-period_start"]),
        ]

    def __str__(self):
        return issue_title(self)

    def get_absolute_url(self):
        return reverse("issue_detail", args=[self.slug])

    @property
    def is_published(self):
        return self.status == IssueStatus.PUBLISHED


class IssueEntry(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="entries", verbose_name=_("issue"))
    review = models.OneToOneField(
        Review, on_delete=models.PROTECT, related_name="issue_entry", verbose_name=_("review"),
        help_text=_("A review appears in at most one issue."),
    )  # fmt: skip
    position = models.PositiveIntegerField(_("position"), default=0, db_index=True)
    # What the importer could not read in this review, or read with doubt (digest.importer.notes).
    import_notes = models.JSONField(_("import notes"), default=list, blank=True, editable=False)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("issue entry")
        verbose_name_plural = _("issue entries")
        indexes = [models.Index(fields=["issue", "position"])]

    def __str__(self):
        return f"{self.position}. {self.review.paper.title}"


class PostImport(models.Model):
    """How an issue came in from the back catalogue: the post it was read from and the importer's notes.

    One per issue (the latest import of it); the notes about each review are on its entry."""

    issue = models.OneToOneField(Issue, on_delete=models.CASCADE, related_name="post_import", verbose_name=_("issue"))
    source = models.CharField(_("source"), max_length=255, blank=True, help_text=_("The file name, or “pasted text”."))
    source_format = models.CharField(_("format"), max_length=16)
    is_strict = models.BooleanField(_("strict"), default=False)
    notes = models.JSONField(_("notes"), default=list, blank=True)
    # {"reviews": n, "with_notes": n, "created": {kind: n}, "reused": {kind: n}}
    summary = models.JSONField(_("summary"), default=dict, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="post_imports", verbose_name=_("imported by"),
    )  # fmt: skip
    imported_at = models.DateTimeField(_("imported"))

    class Meta:
        ordering = ["-imported_at", "-id"]
        verbose_name = _("post import")
        verbose_name_plural = _("post imports")

    def __str__(self):
        return f"{self.issue} ← {self.source}"
