"""A series' review template: edited in the desk, the text every new draft in its language starts from."""

import pytest
from django.conf import settings

from reviews import services
from reviews.models import Review
from tests.factories import IssueFactory, PaperFactory, SeriesFactory

SKELETON = "## Motivation\n\n## Method\n\n## Results\n\n## Opinion\n"


@pytest.fixture
def member(client, author):
    client.force_login(author.user)
    return client


@pytest.mark.django_db
def test_a_new_draft_starts_from_the_template_of_the_series_in_its_language(member):
    SeriesFactory(slug="reading", language="en", review_template=SKELETON)
    SeriesFactory(slug="chitaem", language="ru", review_template="## Мотивация\n")
    paper = PaperFactory()
    member.post(f"/papers/{paper.pk}/claim/")
    review = Review.objects.get()
    assert review.body == SKELETON
    assert "<h2>Motivation</h2>" in review.body_html
    assert SKELETON.split("\n")[0] in member.get(f"/me/reviews/{review.pk}/edit/").content.decode()


@pytest.mark.django_db
def test_the_series_with_the_latest_issue_wins_when_two_share_a_language(author):
    old = SeriesFactory(slug="old", language="en", review_template="## Old\n")
    new = SeriesFactory(slug="new", language="en", review_template="## New\n")
    IssueFactory(series=old, planned_for="2020-01-01")
    IssueFactory(series=new, planned_for="2021-01-01")
    review = services.start_review(paper=PaperFactory(), reviewer=author, by=author.user, language="en")
    assert review.body == "## New\n"


@pytest.mark.django_db
def test_without_a_template_in_its_language_a_draft_starts_blank(author):
    SeriesFactory(slug="chitaem", language="ru", review_template="## Мотивация\n")
    review = services.start_review(paper=PaperFactory(), reviewer=author, by=author.user, language="en")
    assert review.body == ""


@pytest.mark.django_db
def test_the_untouched_template_cannot_be_submitted(author):
    SeriesFactory(slug="reading", language="en", review_template=SKELETON)
    review = services.start_review(paper=PaperFactory(), reviewer=author, by=author.user, language="en")
    with pytest.raises(services.WorkflowError, match="still the series' template"):
        services.submit_review(review, by=author.user)
    review = services.update_review(
        review, by=author.user, body=SKELETON + "\nIt works.", expected_version=review.version
    )
    assert services.submit_review(review, by=author.user).status == "submitted"


@pytest.mark.django_db
def test_the_template_is_edited_on_the_series_page_of_the_desk(client, superuser):
    series = SeriesFactory(slug="reading", language="en")
    client.force_login(superuser)
    url = f"/admin/digest/series/{series.pk}/change/"
    page = client.get(url).content.decode()
    assert '<label for="id_review_template">Review template:</label>' in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    assert '<label for="id_review_template">Шаблон обзора:</label>' in client.get(url).content.decode()
    data = {
        "name": series.name,
        "slug": series.slug,
        "language": "en",
        "target_min_entries": 8,
        "target_max_entries": 12,
        "previous_links_count": 0,
        "review_template": SKELETON,
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    series.refresh_from_db()
    assert series.review_template == SKELETON.strip()
