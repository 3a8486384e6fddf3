"""Writing reviews, papers and assignments through reviews.services."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from reviews import services
from reviews.models import Assignment, Paper
from tests.factories import AssignmentFactory, PaperFactory, ReviewerFactory, ReviewFactory, UserFactory


@pytest.fixture
def draft(author):
    return ReviewFactory(reviewer=author, body="First text.", status="draft")


@pytest.mark.django_db
def test_update_review_saves_a_new_version_and_renders_html(draft, author):
    saved = services.update_review(draft, by=author.user, body="Second $x$ text.", expected_version=1)
    assert (saved.version, saved.body) == (2, "Second $x$ text.")
    assert '<span class="math inline">x</span>' in saved.body_html
    assert [h.body for h in saved.history.order_by("history_id")] == ["First text.", "Second $x$ text."]
    assert saved.history.latest().history_user == author.user


@pytest.mark.django_db
def test_update_review_with_stale_version_raises_conflict_and_keeps_stored_text(draft, author):
    services.update_review(draft, by=author.user, body="Saved in another tab.", expected_version=1)
    with pytest.raises(services.EditConflict) as conflict:
        services.update_review(draft, by=author.user, body="Typed in this tab.", expected_version=1)
    assert conflict.value.current.body == "Saved in another tab."
    draft.refresh_from_db()
    assert (draft.body, draft.version) == ("Saved in another tab.", 2)


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["submitted", "approved", "published", "rejected", "withdrawn"])
def test_author_cannot_edit_outside_draft_or_changes_requested(author, status):
    review = ReviewFactory(reviewer=author, status=status, body="Locked.")
    with pytest.raises(services.NotAllowed):
        services.update_review(review, by=author.user, body="Changed.", expected_version=review.version)
    review.refresh_from_db()
    assert review.body == "Locked."


@pytest.mark.django_db
@pytest.mark.parametrize(("status", "allowed"), [("submitted", True), ("approved", True), ("published", False)])
def test_editor_edits_any_state_before_published(author, editor, status, allowed):
    review = ReviewFactory(reviewer=author, status=status, body="Before.")
    if allowed:
        assert services.update_review(review, by=editor, body="After.", expected_version=1).body == "After."
    else:
        with pytest.raises(services.NotAllowed):
            services.update_review(review, by=editor, body="After.", expected_version=1)


@pytest.mark.django_db
def test_another_reviewer_cannot_edit(draft, other_reviewer):
    with pytest.raises(services.NotAllowed):
        services.update_review(draft, by=other_reviewer.user, body="Mine now.", expected_version=1)


@pytest.mark.django_db
def test_restore_brings_back_an_old_body_as_a_new_version(draft, author):
    services.update_review(draft, by=author.user, body="Second.", expected_version=1)
    first = draft.history.earliest()
    restored = services.restore_review_version(draft, history_id=first.history_id, by=author.user)
    assert (restored.body, restored.version) == ("First text.", 3)
    assert draft.history.count() == 3


@pytest.mark.django_db
def test_propose_paper_normalises_title_and_arxiv_id():
    paper = services.propose_paper(
        by=UserFactory(), title="Layer Rotation: A Surprisingly  Powerful Indicator?", arxiv_id="https://arxiv.org/abs/1806.01603v2",
        links=[("code", "GitHub project", "https://github.com/x/y")],
    )  # fmt: skip
    assert paper.arxiv_id == "1806.01603"
    assert paper.normalized_title == "layer rotation a surprisingly powerful indicator"
    assert list(paper.links.values_list("kind", "label", "position")) == [("code", "GitHub project", 0)]


@pytest.mark.django_db
def test_duplicate_arxiv_id_is_refused_with_a_field_message():
    PaperFactory(arxiv_id="1907.11692")
    with pytest.raises(ValidationError) as error:
        services.propose_paper(by=UserFactory(), title="RoBERTa again", arxiv_id="arXiv:1907.11692")
    assert "arxiv_id" in error.value.message_dict
    assert Paper.objects.count() == 1


@pytest.mark.django_db
def test_find_duplicates_matches_arxiv_id_or_normalised_title():
    by_id = PaperFactory(arxiv_id="1907.11692", title="RoBERTa")
    by_title = PaperFactory(arxiv_id="", title="EfficientNet: Rethinking Model Scaling")
    PaperFactory(title="Something else")
    found = services.find_duplicates(title="efficientnet — rethinking model scaling", arxiv_id="1907.11692v3")
    assert set(found) == {by_id, by_title}


@pytest.mark.django_db
def test_claim_creates_accepted_assignment_due_in_two_weeks(author):
    paper = PaperFactory()
    assignment = services.claim_paper(paper, reviewer=author, by=author.user)
    assert assignment.status == "accepted"
    assert assignment.due_date == timezone.localdate() + datetime.timedelta(days=14)
    assert list(Paper.objects.open()) == []


@pytest.mark.django_db
def test_second_claim_of_the_same_paper_is_refused(author, other_reviewer):
    paper = PaperFactory()
    services.claim_paper(paper, reviewer=author, by=author.user)
    with pytest.raises(services.WorkflowError, match="already reading"):
        services.claim_paper(paper, reviewer=other_reviewer, by=other_reviewer.user)
    assert Assignment.objects.count() == 1


@pytest.mark.django_db
def test_only_editors_choose_the_due_date_of_a_claim(author, editor):
    paper = PaperFactory()
    with pytest.raises(services.NotAllowed):
        services.claim_paper(paper, reviewer=author, by=author.user, due_date=datetime.date(2030, 1, 1))
    assignment = services.claim_paper(paper, reviewer=author, by=editor, due_date=datetime.date(2030, 1, 1))
    assert assignment.due_date == datetime.date(2030, 1, 1)


@pytest.mark.django_db
def test_assign_paper_mails_the_reviewer(author, editor, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.assign_paper(PaperFactory(title="Linformer"), reviewer=author, by=editor)
    assert [(m.to, "Linformer" in m.subject) for m in mailoutbox] == [(["author@example.org"], True)]


@pytest.mark.django_db
def test_reviewer_declines_an_offer_and_the_paper_is_open_again(author, editor):
    assignment = services.assign_paper(PaperFactory(), reviewer=author, by=editor)
    services.set_assignment_status(assignment, to="declined", by=author.user)
    assert Paper.objects.open().count() == 1


@pytest.mark.django_db
def test_someone_else_cannot_decline_my_assignment(author, other_reviewer):
    assignment = AssignmentFactory(reviewer=author, status="offered")
    with pytest.raises(services.NotAllowed):
        services.set_assignment_status(assignment, to="declined", by=other_reviewer.user)


@pytest.mark.django_db
def test_rejecting_a_paper_cancels_its_assignments(author, editor):
    assignment = AssignmentFactory(reviewer=author, status="accepted")
    original = PaperFactory()
    services.reject_paper(assignment.paper, by=editor, duplicate_of=original)
    assignment.refresh_from_db()
    assert assignment.status == "cancelled"
    assert assignment.paper.duplicate_of == original


@pytest.mark.django_db
def test_translation_must_change_language(author):
    original = ReviewFactory(reviewer=author, language="ru")
    with pytest.raises(ValidationError):
        services.start_review(
            paper=original.paper, reviewer=author, by=author.user, language="ru", translation_of=original
        )
    translation = services.start_review(
        paper=original.paper, reviewer=ReviewerFactory(), by=author.user, language="en", translation_of=original
    )
    assert list(original.translations.all()) == [translation]


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["ftp://example.org/paper.pdf", "javascript:alert(1)", "data:text/html,x"])
def test_paper_links_must_be_web_addresses(url):
    from reviews.models import PaperLink

    paper = PaperFactory(original_url=url)
    with pytest.raises(ValidationError) as error:
        paper.full_clean()
    assert "original_url" in error.value.message_dict
    with pytest.raises(ValidationError):
        PaperLink(paper=PaperFactory(), kind="code", label="Code", url=url).full_clean()
