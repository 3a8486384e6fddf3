"""English and Russian: the member pages follow the chosen language.

The catalogue itself (complete, translated, compiled) is checked in tests/test_i18n_catalogue.py.
"""

import pytest
from django.conf import settings

from tests.factories import ReviewFactory


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "russian"),
    [
        ("/papers/", "Свободные статьи"),
        ("/papers/propose/", "Загрузить из arXiv"),
        ("/me/", "Статьи, которые вы читаете"),
        ("/me/profile/", "Сохранить профиль"),
        ("/me/reviews/{pk}/edit/", "Отправить редактору"),
        ("/me/reviews/{pk}/", "Решения и комментарии"),
    ],
)
def test_member_pages_speak_russian_when_asked(client, author, path, russian):
    review = ReviewFactory(reviewer=author)
    client.force_login(author.user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    page = client.get(path.format(pk=review.pk)).content.decode()
    assert russian in page
    assert '<html lang="ru">' in page


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/accounts/login/", "/accounts/signup/", "/accounts/password_reset/"])
def test_account_pages_speak_russian_when_asked(client, path):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    page = client.get(path).content.decode()
    assert "Регистрация" in page and "Sign up" not in page
