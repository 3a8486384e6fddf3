"""English and Russian: the member pages follow the chosen language, and the catalogue is complete."""

import ast
import gettext
import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import ReviewFactory

LOCALE = Path(settings.BASE_DIR) / "locale" / "ru" / "LC_MESSAGES"


def po_entries(text):
    """(msgid, [msgstr forms]) of every entry of a .po file but the header."""
    entries = []
    for block in text.strip().split("\n\n")[1:]:
        fields, key = {}, None
        for line in block.splitlines():
            if line.startswith("#"):
                continue
            match = re.match(r'^(msgid_plural|msgid|msgstr(?:\[\d\])?) (".*")$', line)
            if match:
                key = match.group(1)
                fields[key] = ""
                line = match.group(2)
            fields[key] += ast.literal_eval(line)
        entries.append((fields["msgid"], [v for k, v in sorted(fields.items()) if k.startswith("msgstr")]))
    return entries


def test_every_message_has_a_russian_translation_and_none_is_fuzzy():
    text = (LOCALE / "django.po").read_text()
    assert "#, fuzzy" not in text
    assert [msgid for msgid, forms in po_entries(text) if not all(forms)] == []


def test_the_compiled_catalogue_matches_the_po_file():
    with open(LOCALE / "django.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)
    stale = [
        msgid
        for msgid, forms in po_entries((LOCALE / "django.po").read_text())
        if len(forms) == 1 and catalogue.gettext(msgid) != forms[0]
    ]
    assert stale == []


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
