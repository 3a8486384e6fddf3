"""Linking a review to its translation: the service and the review change page."""

import json

import pytest
from django.core.exceptions import ValidationError

from reviews import services
from tests.factories import ReviewerFactory, ReviewFactory, UserFactory


@pytest.fixture
def original(author):
    return ReviewFactory(reviewer=author, language="ru", status="published", body="Обзор.")


@pytest.fixture
def english(original):
    return ReviewFactory(paper=original.paper, reviewer=ReviewerFactory(), language="en", body="Review.")


def form_data(review, **changes):
    data = {
        "language": review.language,
        "translation_of": review.translation_of_id or "",
        "body": review.body,
        "expected_version": review.version,
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


# --- the service -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_link_translation_records_the_original(editor, original, english):
    services.link_translation(english, original=original, by=editor)
    assert list(original.translations.all()) == [english]


@pytest.mark.django_db
def test_link_translation_can_unlink(editor, original, english):
    services.link_translation(english, original=original, by=editor)
    services.link_translation(english, original=None, by=editor)
    assert list(original.translations.all()) == []


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("same language", "A translation must be in another language than the review it translates."),
        ("itself", "A review cannot be a translation of itself."),
        ("translation of a translation", "is itself a translation: link to the review it translates instead."),
        ("language taken", "That review already has a translation in English."),
        ("has translations", "This review has translations of its own, so it cannot be a translation."),
    ],
)
@pytest.mark.django_db
def test_link_translation_refuses_what_would_break_the_star(editor, original, english, case, message):
    spanish = ReviewFactory(paper=original.paper, language="es")
    if case == "same language":
        review, target = english, ReviewFactory(paper=original.paper, language="en")
    elif case == "itself":
        review, target = english, english
    elif case == "translation of a translation":
        services.link_translation(english, original=original, by=editor)
        review, target = spanish, english
    elif case == "language taken":
        services.link_translation(english, original=original, by=editor)
        review, target = ReviewFactory(paper=original.paper, language="en"), original
    else:
        services.link_translation(spanish, original=english, by=editor)
        review, target = english, original
    before = review.translation_of_id
    with pytest.raises(ValidationError) as error:
        services.link_translation(review, original=target, by=editor)
    assert message in error.value.messages[0]
    review.refresh_from_db()
    assert review.translation_of_id == before


@pytest.mark.django_db
def test_only_editors_link_translations(author, original, english):
    with pytest.raises(services.NotAllowed):
        services.link_translation(english, original=original, by=author.user)
    english.refresh_from_db()
    assert english.translation_of_id is None


# --- the change page ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_editor_links_a_translation_on_the_change_page(client, editor, original, english):
    client.force_login(editor)
    response = client.post(
        f"/admin/reviews/review/{english.pk}/change/", form_data(english, translation_of=original.pk)
    )
    assert response.status_code == 302
    english.refresh_from_db()
    assert (english.translation_of, english.version) == (original, 1)
    page = client.get(f"/admin/reviews/review/{original.pk}/change/").content.decode()
    assert f'<a href="/admin/reviews/review/{english.pk}/change/">English</a>' in page


@pytest.mark.django_db
def test_same_language_link_is_a_form_error_that_keeps_the_input(client, editor, original):
    russian = ReviewFactory(paper=original.paper, language="ru", body="Другой обзор.")
    client.force_login(editor)
    response = client.post(
        f"/admin/reviews/review/{russian.pk}/change/",
        form_data(russian, translation_of=original.pk, body="Другой обзор, правка."),
    )
    page = response.content.decode()
    assert "A translation must be in another language than the review it translates." in page
    assert "Другой обзор, правка.</textarea>" in page
    russian.refresh_from_db()
    assert (russian.translation_of_id, russian.body) == (None, "Другой обзор.")


@pytest.mark.django_db
def test_a_published_review_can_still_be_linked(client, editor, original):
    english = ReviewFactory(paper=original.paper, language="en", status="published")
    client.force_login(editor)
    client.post(f"/admin/reviews/review/{english.pk}/change/", form_data(english, translation_of=original.pk))
    english.refresh_from_db()
    assert english.translation_of == original


@pytest.mark.django_db
def test_add_a_translation_link_prefills_paper_and_original(client, editor, original):
    client.force_login(editor)
    page = client.get(f"/admin/reviews/review/{original.pk}/change/").content.decode()
    assert f"/admin/reviews/review/add/?translation_of={original.pk}&amp;reviewer={original.reviewer_id}" in page
    form = client.get(f"/admin/reviews/review/add/?translation_of={original.pk}").context["adminform"].form
    assert (form.initial["paper"], str(form.initial["translation_of"])) == (original.paper_id, str(original.pk))


@pytest.mark.django_db
def test_translation_autocomplete_offers_only_originals_in_other_languages(client, editor, original, english):
    other_russian = ReviewFactory(language="ru")
    already_translation = ReviewFactory(paper=original.paper, language="es")
    services.link_translation(already_translation, original=original, by=editor)
    client.force_login(editor)
    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "reviews",
            "model_name": "review",
            "field_name": "translation_of",
            "term": "",
            "other_than": "en",
            "exclude": english.pk,
        },
    )
    ids = {int(result["id"]) for result in json.loads(response.content)["results"]}
    assert ids == {original.pk, other_russian.pk}


@pytest.mark.django_db
def test_staff_without_the_editors_group_cannot_link(client, original, english):
    client.force_login(UserFactory(is_staff=True))
    response = client.post(
        f"/admin/reviews/review/{english.pk}/change/", form_data(english, translation_of=original.pk)
    )
    assert response.status_code == 403
    english.refresh_from_db()
    assert english.translation_of_id is None
