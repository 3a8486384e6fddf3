"""Importing posts into the database: what is created and reused, round trips, one transaction."""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from digest.export.checks import check_post
from digest.export.formats import export_issue
from digest.export.post import compile_post
from digest.importer.load import import_post
from digest.importer.structure import PostImportError
from digest.models import Issue, IssueEntry, Series
from reviews.models import Paper, PaperLink, Review, Reviewer, ReviewEvent
from tests.factories import PaperFactory, ReviewerFactory, SeriesFactory

pytestmark = pytest.mark.django_db
POSTS = Path(__file__).resolve().parents[2] / "digest" / "demo"  # the example posts, shipped as demo content
RU_SERIES = "Читаем статьи за вас"
D = datetime.date


def raw(name):
    return (POSTS / name).read_text(encoding="utf-8")


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Series, Issue, IssueEntry, Paper, PaperLink, Review, Reviewer)
    }


def test_russian_post_becomes_a_published_issue_with_its_reviews_in_order():
    report = import_post(raw("ods-2019-07-09-ru.txt"), series_name=RU_SERIES, source="ods-2019-07-09-ru.txt")
    issue = report.issue
    assert (issue.series.name, issue.series.language, issue.status) == (RU_SERIES, "ru", "published")
    assert (issue.period_start, issue.period_end, issue.part) == (D(2019, 7, 1), D(2019, 9, 1), None)
    assert issue.published_at.date() == D(2019, 10, 1)
    titles = [entry.review.paper.title for entry in issue.entries.select_related("review__paper")]
    assert titles[0] == "Layer rotation: a surprisingly powerful indicator of generalization in deep networks?"
    assert titles[-1] == "Neural reparameterization improves structural optimization"
    assert dict(report.created) == {"papers": 9, "reviewers": 8, "reviews": 9, "issues": 1}
    assert dict(report.reused) == {"reviewers": 1}  # Святослав Скоблов wrote two of the reviews
    assert set(Review.objects.values_list("status", "language")) == {("published", "ru")}
    event = ReviewEvent.objects.first()
    assert (event.actor, event.from_status, event.to_status, event.comment) == (
        None, "draft", "published", "Imported from ods-2019-07-09-ru.txt.",
    )  # fmt: skip
    assert Reviewer.objects.filter(user=None).count() == 8
    assert issue.intro == ""  # the new series took the post's intro


def test_importing_the_same_post_twice_creates_nothing_new():
    import_post(raw("ods-2018-02-03-en.html"), series_name="Reading articles for you")
    before = counts()
    report = import_post(raw("ods-2018-02-03-en.html"), series_name="Reading articles for you")
    assert counts() == before
    assert dict(report.created) == {}
    assert dict(report.reused) == {"papers": 6, "reviewers": 6, "reviews": 6, "issues": 1}


def test_an_overlapping_post_reuses_papers_by_arxiv_id_or_title_and_reviewers_by_handle_or_name():
    known = PaperFactory(title="A different title for TVAE", arxiv_id="1802.04403", original_url="")
    PaperFactory(title="deep image HARMONIZATION", arxiv_id="")
    egor = ReviewerFactory(user=None, display_name="Egor P.", chat_handle="Egor.Panfilov")
    artem = ReviewerFactory(user=None, display_name="Artem Sobolev", chat_handle="", blog_handle="")
    report = import_post(raw("ods-2018-02-03-en.html"), series_name="Reading articles for you")
    assert report.reused["papers"] == 2
    assert report.reused["reviewers"] == 3  # Egor twice (handle), Artem once (name)
    assert IssueEntry.objects.get(review__paper__arxiv_id="1802.04403").review.paper == known
    artem.refresh_from_db()
    assert (artem.chat_handle, artem.blog_handle) == ("asobolev", "asobolev")  # blanks filled in
    assert egor.reviews.count() == 2


def test_round_trip_russian_text_gives_back_the_post_up_to_whitespace():
    source = raw("ods-2019-07-09-ru.txt")
    issue = import_post(source, series_name=RU_SERIES).issue
    exported = export_issue(issue, "text")
    post_without_furniture = source.split("\n    Open Data Science\n")[0]
    assert exported.split() == post_without_furniture.split()


@pytest.mark.parametrize(
    ("name", "series"),
    [
        ("ods-2019-07-09-ru.txt", RU_SERIES),
        ("ods-2020-en.txt", "Reading articles for you"),
        ("ods-2018-02-03-en.html", "Reading articles for you"),
    ],
)
def test_round_trip_of_our_own_markdown_export_is_exact(name, series):
    issue = import_post(raw(name), series_name=series).issue
    Series.objects.filter(pk=issue.series_id).update(outro="Subscribe to the channel.")
    markdown = export_issue(issue, "markdown")
    IssueEntry.objects.all().delete()
    Issue.objects.all().delete()
    Review.objects.all().delete()
    Reviewer.objects.all().delete()
    Paper.objects.all().delete()
    Series.objects.all().delete()
    again = import_post(markdown, series_name=series).issue
    assert export_issue(again, "markdown") == markdown


def test_markdown_round_trip_keeps_an_issue_outro_apart_from_the_last_review():
    series = SeriesFactory(name="Reading articles for you", language="en", outro="")
    issue = import_post(raw("ods-2020-en.txt"), series_name=series.name).issue
    Issue.objects.filter(pk=issue.pk).update(outro="That is all for **today**.")
    markdown = export_issue(issue, "markdown")
    Issue.objects.all().delete()
    Review.objects.all().delete()
    again = import_post(markdown, series_name=series.name).issue
    assert again.outro == "That is all for **today**."
    assert again.entries.last().review.body.endswith("ReaL .")


def test_plain_text_cannot_tell_the_outro_from_the_last_review_unless_the_series_knows_it():
    series = SeriesFactory(name="Reading articles for you", language="en", outro="Join us on *Slack*.")
    issue = import_post(raw("ods-2020-en.txt"), series_name=series.name).issue
    text = export_issue(issue, "text")
    Issue.objects.all().delete()
    Review.objects.all().delete()
    again = import_post(text, series_name=series.name, period=(D(2020, 6, 1), D(2020, 6, 1))).issue
    assert again.entries.last().review.body.endswith("ReaL .")
    assert export_issue(again, "text").endswith("ReaL .\n\nJoin us on Slack.\n")


def test_links_without_url_from_plain_text_are_kept_and_reported_by_the_export_check():
    issue = import_post(raw("ods-2020-en.txt"), series_name="Reading articles for you").issue
    assert list(PaperLink.objects.order_by("paper__pk", "position").values_list("kind", "label", "url")[:2]) == [
        ("code", "GitHub project", ""),
        ("code", "GitHub project", ""),
    ]
    warnings = [str(warning) for warning in check_post(compile_post(issue))]
    assert "1. “PointRend: Image Segmentation as Rendering”: the link “GitHub project” has no URL." in warnings
    assert "1. “PointRend: Image Segmentation as Rendering”: the paper has no link to the original article." in warnings


def test_english_2020_copy_gets_its_period_from_the_paper_years_and_handles_as_names():
    report = import_post(raw("ods-2020-en.txt"), series_name="Reading articles for you")
    assert (report.issue.period_start, report.issue.period_end) == (D(2020, 1, 1), D(2020, 12, 1))
    assert "the post names no period: took the latest paper year, 2020-01 to 2020-12 (pass --period to set it)" in (
        report.notes
    )
    randl = Reviewer.objects.get(chat_handle="evgeniyzh")
    assert (randl.display_name, randl.blog_handle, randl.reviews.count()) == ("evgeniyzh", "Randl", 3)


def test_status_approved_leaves_the_issue_planned_with_approved_reviews():
    issue = import_post(raw("ods-2019-07-09-ru.txt"), series_name=RU_SERIES, status="approved").issue
    assert issue.status == "planned"
    assert set(Review.objects.values_list("status", flat=True)) == {"approved"}
    assert issue.entries.count() == 9


def test_series_is_found_from_the_title_or_refused_when_nothing_tells_it():
    existing = SeriesFactory(name="Читаем статьи за вас", slug="ru", language="ru")
    assert import_post(raw("ods-2019-07-09-ru.txt")).issue.series == existing
    with pytest.raises(PostImportError, match="pass --series NAME"):
        import_post(raw("ods-2020-en.txt"))


def test_a_post_for_a_period_that_has_another_issue_is_refused_and_writes_nothing():
    import_post(raw("ods-2019-07-09-ru.txt"), series_name=RU_SERIES)
    before = counts()
    with pytest.raises(PostImportError, match="already has an issue for this period"):
        import_post(raw("ods-2018-02-03-en.html"), series_name=RU_SERIES, period=(D(2019, 7, 1), D(2019, 9, 1)))
    assert counts() == before


def test_strict_malformed_post_fails_with_the_line_and_what_was_expected_and_writes_nothing():
    broken = raw("ods-2019-07-09-ru.txt").replace("Автор обзора: Максим Лашкевич (в слэке belerafon)", "")
    with pytest.raises(PostImportError) as error:
        import_post(broken, series_name=RU_SERIES, strict=True)
    assert str(error.value).startswith(
        "line 251: review 6 “Large Memory Layers with Product Keys”: expected the review"
    )
    assert counts() == dict.fromkeys(counts(), 0)


def test_strict_a_contents_item_without_its_review_names_the_item_and_its_line():
    broken = raw("ods-2019-07-09-ru.txt").replace(
        "    8. Omni-Scale Feature Learning for Person Re-Identification\n", ""
    )
    with pytest.raises(PostImportError) as error:
        import_post(broken, series_name=RU_SERIES, strict=True)
    assert error.value.line == 18
    assert (
        "lists “Omni-Scale Feature Learning for Person Re-Identification (University of Surrey" in error.value.message
    )


def test_text_without_a_table_of_contents_is_refused():
    with pytest.raises(PostImportError, match="line 1: expected a table of contents"):
        import_post("Just a note.\n\nNothing else here.\n", series_name=RU_SERIES, strict=True)
    with pytest.raises(PostImportError, match="line 1: expected a post: found no reviews in it"):
        import_post("Just a note.\n\nNothing else here.\n", series_name=RU_SERIES)


def test_command_prints_what_it_created_and_reused(capsys):
    call_command("import_post", str(POSTS / "ods-2018-02-03-en.html"), "--series", "Reading articles for you")
    out = capsys.readouterr().out
    assert (
        "Issue “Reading articles for you. February — March 2018” (reading-articles-for-you-2018-02-2018-03) created"
        in out
    )
    assert (
        "3. Neural-Symbolic Learning and Reasoning: A Survey and Interpretation: paper created; reviewer Eugene" in out
    )
    assert out.strip().endswith("Created 6 papers, 5 reviewers, 6 reviews, 1 issue; reused 1 reviewer.")
    call_command("import_post", str(POSTS / "ods-2018-02-03-en.html"), "--series", "Reading articles for you")
    assert (
        capsys.readouterr().out.strip().endswith("Created nothing; reused 6 papers, 6 reviewers, 6 reviews, 1 issue.")
    )


def test_command_strict_fails_with_the_line_number_and_writes_nothing(tmp_path):
    path = tmp_path / "broken.txt"
    path.write_text(raw("ods-2019-07-09-ru.txt").replace("    Автор обзора: Вадим Петров (в слэке graviton)\n", ""))
    with pytest.raises(CommandError, match=r"^broken.txt: line 311: review 8 “Omni-Scale"):
        call_command("import_post", str(path), "--series", RU_SERIES, "--strict")
    assert Review.objects.count() == 0


def test_command_dry_run_reports_without_writing(capsys):
    call_command(
        "import_post", str(POSTS / "ods-2020-en.txt"), "--series", "New series", "--period", "2020-06", "--dry-run"
    )
    out = capsys.readouterr().out
    assert out.startswith("Dry run: nothing was written.\nIssue “New series. June 2020”")
    assert counts() == dict.fromkeys(counts(), 0)


def test_command_takes_period_part_url_and_date(capsys):
    call_command(
        "import_post", str(POSTS / "ods-2020-en.txt"), "--series", "Reading articles for you", "--period",
        "2020-06", "--part", "1", "--url", "https://habr.com/ru/company/ods/blog/511112/",
        "--published-at", "2020-07-20",
    )  # fmt: skip
    issue = Issue.objects.get()
    assert str(issue) == "Reading articles for you. June 2020. Part 1"
    assert (issue.published_url, issue.published_at.date()) == (
        "https://habr.com/ru/company/ods/blog/511112/",
        D(2020, 7, 20),
    )


def test_command_rejects_bad_options_and_unreadable_files(tmp_path):
    with pytest.raises(CommandError, match="is not a month"):
        call_command("import_post", str(POSTS / "ods-2020-en.txt"), "--period", "June")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_post", str(tmp_path / "missing.txt"))
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes("Caf\xe9".encode("latin-1"))
    with pytest.raises(CommandError, match="is not UTF-8 text"):
        call_command("import_post", str(latin1))


def test_our_own_html_page_reads_back_with_its_header_lines_and_formulas():
    from digest.importer import read_post
    from tests.digest.export_data import make_issue

    post = read_post(export_issue(make_issue(), "html", standalone=True))
    assert (post.source_format, post.title, post.period_start, post.part) == (
        "html", "Reading articles for you. April 2020. Part 1", D(2020, 4, 1), 1,
    )  # fmt: skip
    first, second = post.entries
    assert (first.title, first.authors, first.affiliations, first.year, first.original_url) == (
        "Unsupervised Image-to-Image Translation Networks", "Ming-Yu Liu, Thomas Breuel, Jan Kautz", "NVIDIA", 2017,
        "https://arxiv.org/abs/1703.00848",
    )  # fmt: skip
    assert [(link.kind, link.label) for link in first.links] == [("code", "GitHub project"), ("video", "Video")]
    assert (first.reviewer_name, first.chat_handle, first.blog_handle) == ("Li Jiazheng", "li_jz", "lijz")
    assert "软标签的交叉熵 $q_i = \\frac{exp(z_i/T)}{\\sum_j exp(z_j/T)}$" in first.body
    assert "| DKN without entities | $61.8 \\pm 2.1 (-10.3\\%)$ |" in first.body
    assert (second.reviewer_name, second.chat_handle, second.blog_handle, second.year) == ("Ann Author", "", "", 2015)
    assert [link.label for link in post.previous] == ["March 2020", "February 2020"]


def test_a_paper_rejected_earlier_under_the_same_arxiv_id_is_a_clear_error():
    PaperFactory(title="Something else", arxiv_id="1802.00509", status="rejected")
    with pytest.raises(PostImportError, match="A paper with this arXiv id already exists."):
        import_post(raw("ods-2018-02-03-en.html"), series_name="Reading articles for you")
    assert Review.objects.count() == 0


def test_our_own_plain_text_export_reads_back_with_its_link_addresses(settings):
    from digest.importer import read_post

    settings.SITE_URL = "https://digest.example.org"
    from tests.digest.export_data import make_issue

    post = read_post(export_issue(make_issue(), "text"))
    first = post.entries[0]
    assert (first.original_label, first.original_url) == ("Original article", "https://arxiv.org/abs/1703.00848")
    assert [(link.kind, link.label, link.url) for link in first.links] == [
        ("code", "GitHub project", "https://github.com/mingyuliutw/UNIT"),
        ("video", "Video", "https://www.youtube.com/watch?v=nlyXoS9Oy8s"),
    ]
    assert [(link.label, link.url) for link in post.previous] == [
        ("March 2020", "https://digest.example.org/issues/earlier-3/"),
        ("February 2020", "https://habr.com/ru/company/ods/blog/1/"),
    ]
