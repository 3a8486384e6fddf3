"""Each person's interface language is kept on their profile, and their mail comes in it."""

import datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from reviews import services
from reviews.models import Reviewer
from reviews.outbox.models import Message
from tests.factories import EditorFactory, PaperFactory, ReviewerFactory, ReviewFactory, UserFactory

EMAILS = Path(settings.BASE_DIR) / "templates" / "emails"
PASSWORD = "a sturdy pass phrase 42"


@pytest.fixture
def russian_author(db):
    return ReviewerFactory(user=UserFactory(username="ivan@example.org"), display_name="Иван", language="ru")


def test_every_mail_template_has_a_russian_twin():
    assert sorted(p.name for p in (EMAILS / "ru").glob("*.txt")) == sorted(p.name for p in EMAILS.glob("*.txt"))


@pytest.mark.parametrize("kind", sorted(p.stem for p in EMAILS.glob("*.txt")))
def test_every_russian_mail_renders_with_a_russian_subject(kind):
    from reviews.notifications import render_mail

    subject, body = render_mail(kind, {"site_url": "https://digest.example.org"}, "ru")
    assert subject.startswith("[Digest] ") and any("а" <= char <= "я" for char in subject.lower())
    assert body.strip()


@pytest.mark.django_db
def test_a_russian_speaking_reviewer_gets_russian_mail_from_an_english_editor(client, russian_author, editor):
    review = ReviewFactory(reviewer=russian_author, status="submitted", paper__title="Attention")
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the editor's request is in English
    decided = client.post(
        f"/admin/reviews/review/{review.pk}/decide/changes_requested/", {"comment": "Add the results."}
    )
    assert decided.status_code == 302
    message = Message.objects.get(kind="review_changes_requested")
    assert message.subject == "[Digest] Нужны правки: Attention"
    assert message.body.startswith("Здравствуйте, Иван!\n\nРедактор прочитал ваш обзор статьи «Attention»")
    assert "Add the results." in message.body


@pytest.mark.django_db
def test_dates_in_mail_follow_the_recipients_language(russian_author, editor):
    with translation.override("en"):
        services.assign_paper(PaperFactory(), reviewer=russian_author, by=editor, due_date=datetime.date(2026, 7, 9))
    body = Message.objects.get(kind="assignment_created").body
    assert "9 июля 2026" in body


@pytest.mark.django_db
def test_editors_each_get_the_submission_in_their_own_language(russian_author):
    english = EditorFactory(username="en-editor@example.org")
    russian = EditorFactory(username="ru-editor@example.org")
    ReviewerFactory(user=russian, display_name="Ольга", language="ru")
    review = ReviewFactory(reviewer=russian_author, status="draft", body="Текст.", paper__title="Attention")
    with translation.override("ru"):  # the author's request is in Russian
        services.submit_review(review, by=russian_author.user)
    sent = {m.recipients: m.subject for m in Message.objects.filter(kind="review_submitted")}
    assert sent[english.email] == "[Digest] Review submitted: Attention"
    assert sent[russian.email] == "[Digest] Обзор отправлен: Attention"


@pytest.mark.django_db
def test_the_language_switcher_keeps_the_choice_on_the_profile(client, author):
    client.force_login(author.user)
    client.post("/i18n/setlang/", {"language": "ru", "next": "/me/"})
    assert Reviewer.objects.get(pk=author.pk).language == "ru"
    client.post("/i18n/setlang/", {"language": "xx", "next": "/me/"})  # not a site language: ignored
    assert Reviewer.objects.get(pk=author.pk).language == "ru"


@pytest.mark.django_db
def test_the_profile_form_sets_the_language_of_pages_and_mail(client, author):
    client.force_login(author.user)
    page = client.get("/me/profile/").content.decode()
    assert 'name="language"' in page
    response = client.post(
        "/me/profile/",
        {"display_name": "Ann Author", "chat_handle": "", "blog_handle": "", "bio": "", "language": "ru"},
    )
    assert Reviewer.objects.get(pk=author.pk).language == "ru"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    assert '<html lang="ru">' in client.get("/me/profile/").content.decode()


@pytest.mark.django_db
def test_logging_in_brings_back_the_chosen_language(client, russian_author):
    response = client.post(
        "/accounts/login/", {"username": "ivan@example.org", "password": "correct horse battery staple"}
    )
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    assert '<html lang="ru">' in client.get("/me/").content.decode()


@pytest.mark.django_db
def test_signing_up_in_russian_keeps_russian_for_the_confirmation_and_later_mail(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    client.post(
        "/accounts/signup/",
        {"email": "new@example.org", "display_name": "Нина", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert Reviewer.objects.get(user__username="new@example.org").language == "ru"
    assert Message.objects.get(kind="signup_confirm").subject == "[Digest] Подтвердите адрес"


@pytest.mark.django_db
def test_a_password_reset_asked_in_english_comes_in_the_owners_language(client, russian_author):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post("/accounts/password_reset/", {"email": "ivan@example.org"})
    message = Message.objects.get(kind="password_reset")
    assert message.subject != "[Digest] Choose a new password"
    with translation.override("ru"):
        assert message.subject == translation.gettext("[Digest] Choose a new password")


@pytest.mark.django_db
def test_a_profile_update_without_a_language_keeps_the_chosen_one(russian_author):
    services.update_profile(russian_author, by=russian_author.user, display_name="Иван Петров")
    assert Reviewer.objects.get(pk=russian_author.pk).language == "ru"
