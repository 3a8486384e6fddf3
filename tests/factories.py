"""factory_boy factories for the domain. Tests arrange state with these; they act through services and views."""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from digest.models import Issue, IssueEntry, Series
from reviews.enums import ReviewStatus
from reviews.models import Assignment, Paper, PaperLink, Review, Reviewer, Topic


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}@example.org")
    email = factory.SelfAttribute("username")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def saved(self, create, extracted, **kwargs):
        if create:
            self.save()


class EditorFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def in_editors_group(self, create, extracted, **kwargs):
        if create:
            self.groups.add(Group.objects.get(name="Editors"))


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class PaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paper

    title = factory.Sequence(lambda n: f"A study of things, part {n}")
    authors = "Ada Lovelace, Alan Turing"
    affiliations = "University of Somewhere"
    year = 2020
    original_url = factory.Sequence(lambda n: f"https://arxiv.org/abs/2001.{n:05d}")
    arxiv_id = factory.Sequence(lambda n: f"2001.{n:05d}")


class PaperLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PaperLink

    paper = factory.SubFactory(PaperFactory)
    kind = "code"
    label = "GitHub project"
    url = "https://github.com/example/project"


class ReviewerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reviewer

    user = factory.SubFactory(UserFactory)
    display_name = factory.Faker("name")
    chat_handle = factory.Sequence(lambda n: f"handle{n}")
    blog_handle = ""


class ReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Review

    paper = factory.SubFactory(PaperFactory)
    reviewer = factory.SubFactory(ReviewerFactory)
    language = "en"
    body = "The authors show that $x^2$ grows.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    status = ReviewStatus.DRAFT
    published_at = factory.LazyAttribute(lambda o: timezone.now() if o.status == ReviewStatus.PUBLISHED else None)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Rendered as the writing service renders a new review (saving the model does not render)."""
        review = model_class(*args, **kwargs)
        review.render_body()
        review.save()
        return review


class AssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assignment

    paper = factory.SubFactory(PaperFactory)
    reviewer = factory.SubFactory(ReviewerFactory)
    due_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=14))
    status = "accepted"


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Reading articles for you {n}")
    slug = factory.Sequence(lambda n: f"reading-{n}")
    language = "en"
    intro = "Hello! We continue to publish reviews."


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    series = factory.SubFactory(SeriesFactory)
    slug = factory.Sequence(lambda n: f"issue-{n}")
    period_start = factory.Sequence(lambda n: datetime.date(2000 + n // 12, n % 12 + 1, 1))
    period_end = factory.SelfAttribute("period_start")


class IssueEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IssueEntry

    issue = factory.SubFactory(IssueFactory)
    review = factory.SubFactory(ReviewFactory, status=ReviewStatus.APPROVED)
    position = factory.Sequence(lambda n: n + 1)
