"""The archive and the editors' desk in Russian.

The language comes from the browser (Accept-Language) or from the one chosen on the site (the
django_language cookie, which the admin follows too). English stays the default. E-mails keep the
site's language whoever's action sends them.
"""

import datetime

import pytest
from django.conf import settings
from django.utils import dateformat, timezone, translation

from reviews.enums import ReviewStatus
from tests.digest.archive import approved_review, published_issue
from tests.factories import AssignmentFactory, IssueEntryFactory, IssueFactory, PaperFactory, ReviewFactory


def days_from_today(n):
    return timezone.localdate() + datetime.timedelta(days=n)


@pytest.fixture
def archive(editor):
    published_issue(editor, entries=2, slug="july")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "russian", "english"),
    [
        ("/", ["Последние выпуски", "Подписаться на все серии:", "Лента RSS", "· 2 обзора"], "Latest issues"),
        ("/reviews/", ["Показать обзоры", "Год статьи", "Любой язык", "Названия, авторы, обзоры"], "Show reviews"),
        ("/issues/july/", ["Главная", "Постоянная ссылка на обзор", "К содержанию"], "Permalink to this review"),
    ],
)
def test_the_archive_speaks_russian_to_a_russian_browser(client, archive, path, russian, english):
    english_page = client.get(path).content.decode()
    page = client.get(path, headers={"accept-language": "ru,en;q=0.8"}).content.decode()
    assert english in english_page
    assert '<html lang="ru">' in page
    assert [text for text in russian if text not in page] == []
    assert english not in page


@pytest.fixture
def desk(author):
    """Something in every card of the dashboard: a review waiting, two overdue assignments, the pool, a plan."""
    ReviewFactory(status=ReviewStatus.SUBMITTED, paper=PaperFactory(title="Waiting paper"), reviewer=author)
    AssignmentFactory(due_date=days_from_today(-1))
    AssignmentFactory(due_date=days_from_today(-5))
    approved_review(paper=PaperFactory(title="Pool paper"))
    issue = IssueFactory(planned_for=days_from_today(10))
    IssueEntryFactory(issue=issue)
    return issue


@pytest.mark.django_db
def test_the_dashboard_speaks_russian_when_the_editor_chose_it(client, editor, desk):
    client.force_login(editor)
    english = client.get("/admin/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    page = client.get("/admin/").content.decode()
    assert "Waiting for a decision" in english
    expected = [
        '<span class="desk-brand-desk">Редакция</span>',
        "Ждут решения",
        "Просроченные задания",
        "просрочено на 1 день",
        "просрочено на 5 дней",
        "Одобрены, но не в выпуске",
        "Ближайший запланированный выпуск",
        "1 обзор; серия рассчитывает на 8–12.",
        "Нужно больше обзоров.",
        ">Изменить</a>",  # Django's word for the app list's change links (our "Change" must not replace it)
        ">Серии</a>",
    ]
    assert [text for text in expected if text not in page] == []
    assert "Waiting for a decision" not in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "russian"),
    [
        ("/admin/reviews/review/{review}/change/", ["Одобрить", "Запросить правки…", "История событий", "Версии"]),
        ("/admin/reviews/review/{review}/versions/", ["Выберите две версии для сравнения.", "Сравнить версию"]),
        ("/admin/reviews/paper/", ["Назначить рецензента выбранным статьям…", "возможные дубликаты", "разбор"]),
        # Where our English words are also Django admin's, the admin keeps its Russian ones.
        ("/admin/reviews/review/", [">Фильтр</h2>", 'value="Найти"', "Показать все"]),
        ("/admin/reviews/assignment/", ["Отменить выбранные задания", "Отправить рецензентам напоминание"]),
        ("/admin/digest/issue/", ["Меньше нормы", "1 из 8–12 обзоров"]),
        (
            "/admin/digest/issue/{issue}/workspace/",
            ["Скачать: Простой текст", "Перед публикацией", "Поиск среди одобренных обзоров", "Pool paper"],
        ),
    ],
)
def test_desk_pages_speak_russian_when_the_editor_chose_it(client, editor, desk, path, russian):
    review = ReviewFactory(status=ReviewStatus.SUBMITTED)
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    page = client.get(path.format(review=review.pk, issue=desk.pk)).content.decode()
    assert [text for text in russian if text not in page] == []


@pytest.mark.django_db
def test_reminder_mails_stay_english_when_the_editor_works_in_russian(
    client, editor, author, mailoutbox, django_capture_on_commit_callbacks
):
    due = days_from_today(-3)
    with translation.override("en"):
        english_due = dateformat.format(due, "N j, Y")  # e.g. "Nov. 23, 2026"; in Russian "Ноя. 23, 2026"
    assignment = AssignmentFactory(reviewer=author, due_date=due, paper=PaperFactory(title="Linformer"))
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/reviews/assignment/",
            {"action": "send_reminder", "_selected_action": [assignment.pk]},
            follow=True,
        )
    assert "Отправлено 1 напоминание." in response.content.decode()
    assert mailoutbox[0].subject == "[Digest] Overdue: Linformer"
    assert f"was due on {english_due}." in mailoutbox[0].body


@pytest.mark.django_db
def test_django_admin_phrases_read_right_with_our_model_names_in_russian(client, editor):
    """Django's "Выберите %s для изменения" / "Добавить %s" would not inflect "статья" or "обзор"."""
    client.force_login(editor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    changelist = client.get("/admin/reviews/paper/").content.decode()
    assert "<h1>Выбор для изменения: статья</h1>" in changelist and "Добавить: статья" in changelist
    assert "<h1>Добавление: обзор</h1>" in client.get("/admin/reviews/review/add/").content.decode()
