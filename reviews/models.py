"""Papers, their links and topics, reviewers, assignments, reviews and review events."""

import re
import secrets
import unicodedata

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from markdownx.models import MarkdownxField
from simple_history.models import HistoricalRecords

from .enums import ACTIVE_ASSIGNMENT, AssignmentStatus, LinkKind, PaperStatus, ReviewStatus
from .markdown import html_to_text, render_markdown
from .validators import as_one_line, one_line

ARXIV_ID = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf)/|arxiv:)?(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?", re.I
)


# Links in posts are web addresses: no ftp:, and certainly no javascript: or data:.
web_url = URLValidator(schemes=["http", "https"], message=_("Enter a web address starting with http:// or https://."))


def normalize_title(title):
    """Lower-case letters and digits only: "Layer Rotation: a…" and "layer rotation — a…" match."""
    text = unicodedata.normalize("NFKD", title or "").casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", text))[:500]


def parse_arxiv_id(text):
    """The arXiv id inside an id or a URL ("https://arxiv.org/abs/1907.11692v1" -> "1907.11692")."""
    match = ARXIV_ID.search((text or "").strip())
    return match.group(1) if match else ""


def unique_slug(model, value, *, field="slug", max_length=80):
    base = slugify(value, allow_unicode=True)[:max_length].strip("-") or "item"
    slug, n = base, 2
    while model._default_manager.filter(**{field: slug}).exists():
        slug = f"{base[: max_length - 6]}-{n}"
        n += 1
    return slug


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True, validators=[one_line])
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self):
        return self.name


class PaperQuerySet(models.QuerySet):
    def proposed(self):
        return self.filter(status=PaperStatus.PROPOSED)

    def open(self):
        """Proposed papers nobody reads yet: no active assignment and no live review."""
        return (
            self.proposed()
            .exclude(assignments__status__in=ACTIVE_ASSIGNMENT)
            .exclude(reviews__status__in=[s for s in ReviewStatus if s != ReviewStatus.WITHDRAWN])
        )


class Paper(models.Model):
    title = models.CharField(_("title"), max_length=500, validators=[one_line])
    authors = models.TextField(
        _("paper authors"), blank=True, help_text=_("As written, comma-separated."), validators=[one_line]
    )
    affiliations = models.CharField(_("affiliations"), max_length=500, blank=True, validators=[one_line])
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    original_url = models.URLField(_("original article URL"), max_length=500, blank=True, validators=[web_url])
    arxiv_id = models.CharField(_("arXiv id"), max_length=32, blank=True)
    normalized_title = models.CharField(max_length=500, editable=False, db_index=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="papers", verbose_name=_("topics"))
    status = models.CharField(
        _("status"), max_length=16, choices=PaperStatus.choices, default=PaperStatus.PROPOSED, editable=False
    )
    duplicate_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates",
        verbose_name=_("duplicate of"),
    )  # fmt: skip
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="proposed_papers", verbose_name=_("proposed by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = PaperQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("paper")
        verbose_name_plural = _("papers")
        constraints = [
            models.UniqueConstraint(
                fields=["arxiv_id"], condition=~Q(arxiv_id=""), name="paper_arxiv_id_unique_when_set"
            ),
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1900, year__lte=2100), name="paper_year_plausible"
            ),
        ]
        indexes = [models.Index(fields=["year"]), models.Index(fields=["status", "-created_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Forms refuse control characters; whatever comes in another way (the importer, a script) is made one line.
        self.title, self.authors, self.affiliations = map(as_one_line, (self.title, self.authors, self.affiliations))
        self.normalized_title = normalize_title(self.title)
        self.arxiv_id = parse_arxiv_id(self.arxiv_id) if self.arxiv_id else ""
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "title" in update_fields:
            kwargs["update_fields"] = {*update_fields, "normalized_title"}
        super().save(*args, **kwargs)

    @property
    def author_list(self):
        return [name.strip() for name in self.authors.split(",") if name.strip()]


class PaperLink(models.Model):
    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="links", verbose_name=_("paper"))
    kind = models.CharField(_("kind"), max_length=16, choices=LinkKind.choices, default=LinkKind.OTHER)
    label = models.CharField(
        _("label"), max_length=200, blank=True, validators=[one_line],
        help_text=_('As shown in the post, e.g. "Non official GitHub project".'),
    )  # fmt: skip
    url = models.URLField(_("URL"), max_length=500, blank=True, validators=[web_url])
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("paper link")
        verbose_name_plural = _("paper links")

    def __str__(self):
        return self.label or self.get_kind_display()


class Reviewer(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="reviewer", verbose_name=_("user account"),
    )  # fmt: skip
    display_name = models.CharField(_("display name"), max_length=200, validators=[one_line])
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True, editable=False)
    chat_handle = models.CharField(_("chat handle"), max_length=100, blank=True, db_index=True, validators=[one_line])
    blog_handle = models.CharField(_("blog handle"), max_length=100, blank=True, db_index=True, validators=[one_line])
    bio = models.TextField(_("bio"), blank=True)
    language = models.CharField(
        _("interface language"), max_length=8, blank=True, choices=settings.LANGUAGES,
        help_text=_("The language of the pages and of the e-mails you get."),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["display_name", "id"]
        verbose_name = _("reviewer")
        verbose_name_plural = _("reviewers")
        indexes = [models.Index(fields=["display_name"])]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.display_name, self.chat_handle, self.blog_handle = map(
            as_one_line, (self.display_name, self.chat_handle, self.blog_handle)
        )
        if not self.slug:
            self.slug = unique_slug(Reviewer, self.display_name or self.chat_handle)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("reviewer_detail", args=[self.slug])


class AssignmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=ACTIVE_ASSIGNMENT)

    def overdue(self, today=None):
        return self.active().filter(due_date__lt=today or timezone.localdate())


class Assignment(models.Model):
    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("paper"))
    reviewer = models.ForeignKey(
        Reviewer, on_delete=models.CASCADE, related_name="assignments", verbose_name=_("reviewer")
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="assignments_made", verbose_name=_("assigned by"),
    )  # fmt: skip
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=16, choices=AssignmentStatus.choices, default=AssignmentStatus.OFFERED, editable=False
    )
    last_reminded_on = models.DateField(_("last reminded on"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["paper"],
                condition=Q(status__in=["offered", "accepted"]),
                name="assignment_one_active_per_paper",
            )
        ]
        indexes = [models.Index(fields=["status", "due_date"]), models.Index(fields=["reviewer", "status"])]

    def __str__(self):
        return f"{self.paper} → {self.reviewer}"

    @property
    def is_overdue(self):
        return self.status in ACTIVE_ASSIGNMENT and self.due_date < timezone.localdate()


REVIEW_TEXTS = ("body", "body_html", "search_document")  # long: read only where a page shows them


def texts_of(relation, *, keep=()):
    """The long texts of the review at `relation` ("review", "translation_of", …), for defer()."""
    return tuple(f"{relation}__{name}" for name in REVIEW_TEXTS if name not in keep)


class ReviewQuerySet(models.QuerySet):
    def without_texts(self):
        return self.defer(*REVIEW_TEXTS)

    def published(self):
        return self.filter(status=ReviewStatus.PUBLISHED)

    def approved(self):
        return self.filter(status=ReviewStatus.APPROVED)

    def awaiting_decision(self):
        return self.filter(status=ReviewStatus.SUBMITTED)

    def unscheduled(self):
        return self.filter(issue_entry__isnull=True)


class Review(models.Model):
    paper = models.ForeignKey(Paper, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("paper"))
    reviewer = models.ForeignKey(Reviewer, on_delete=models.PROTECT, related_name="reviews", verbose_name=_("reviewer"))
    language = models.CharField(_("language"), max_length=8, choices=settings.CONTENT_LANGUAGES, default="en")
    body = MarkdownxField(_("review"), blank=True)
    body_html = models.TextField(editable=False, blank=True)
    search_document = models.TextField(editable=False, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT, editable=False
    )
    translation_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="translations",
        verbose_name=_("translation of"),
    )  # fmt: skip
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)

    objects = ReviewQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["body_html", "search_document"])

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        permissions = [("decide_review", _("Can decide on reviews (approve, request changes, reject)"))]
        constraints = [
            models.UniqueConstraint(
                fields=["paper", "reviewer", "language"], name="review_one_per_paper_reviewer_language"
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False), name="review_published_has_date"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["status", "-updated_at"]),
            # Each filter of the archive, then its order: the newest page is read off the index
            # (on SQLite a row's status and dates sit after its bodies, in overflow pages).
            models.Index(fields=["reviewer", "status", "-published_at"]),
            models.Index(fields=["language", "status", "-published_at"]),
            models.Index(fields=["paper", "status", "-published_at"]),
            # The workspace's pool: approved reviews of a language, oldest decision first. Partial: a
            # new index in front of `status` is one SQLite may take for any status (before ANALYZE
            # has counted it), as it took this one for the newest published review, sorting them all.
            # The status again at the end: the ORM compares it with a parameter, which SQLite checks
            # on each row unless the index holds it (reading the row: ~15 µs in overflow pages).
            models.Index(
                fields=["language", "decided_at", "id", "status"],
                condition=Q(status="approved"),
                name="review_pool_order",
            ),
            # The dashboard's oldest reviews waiting for a decision, and approved ones (the same way).
            models.Index(
                fields=["submitted_at", "id", "status"], condition=Q(status="submitted"), name="review_waiting_order"
            ),
            models.Index(
                fields=["decided_at", "id", "status"], condition=Q(status="approved"), name="review_approved_order"
            ),
        ]

    def __str__(self):
        return f"{self.paper.title} — {self.reviewer.display_name}"

    def get_absolute_url(self):
        return reverse("review_detail", args=[self.pk])

    def render_body(self):
        """The body's HTML and search text, stored beside it so that pages and exports never render
        markdown. The writing services call it (reviews/services/writing.py), before they lock anything:
        it is slow for a long body. Saving the model does not render."""
        self.body_html = render_markdown(self.body)
        self.search_document = " ".join([self.paper.title, self.paper.authors, html_to_text(self.body_html)]).casefold()


class ReviewEvent(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="events", verbose_name=_("review"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="review_events", verbose_name=_("by"),
    )  # fmt: skip
    from_status = models.CharField(_("from"), max_length=20, choices=ReviewStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ReviewStatus.choices)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("review event")
        verbose_name_plural = _("review events")

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


def new_invitation_token():
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    """An editor invites someone by e-mail; the link lets them sign up as a reviewer."""

    email = models.EmailField(_("e-mail"))
    token = models.CharField(max_length=64, unique=True, default=new_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="invitations_sent",
        verbose_name=_("invited by"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return self.email

    def get_absolute_url(self):
        return reverse("signup_invited", args=[self.token])
