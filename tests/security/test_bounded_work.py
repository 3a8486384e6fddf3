"""Bounded work per request: what one member can make the server do is capped.

Found by an outside test of a production-mode server: a 4.85 MB body of a 100-column table sent
to the preview took 41 s of CPU; runs of bare "www." or "&amp;" took 14–21 s; the same body sent
to autosave was rendered while holding the row lock (on SQLite: the database's write lock).
Now: a size cap (DIGEST_MAX_BODY_BYTES) answered with a clear 400 or form error, bounded table
cells and links in the renderer, rendering before the lock, and per-user rate limits (429).
The speed itself is measured by `bench/bounded_markdown.py`, not asserted here.
"""

import io
import json

import nh3
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from PIL import Image

from reviews.markdown import MAX_LINKS, MAX_TABLE_CELLS, render_markdown
from reviews.models import Review
from tests.factories import ReviewFactory

PREVIEW = "/markdownx/markdownify/"


def table(columns, rows):
    line = "|" + "|".join("x" for _ in range(columns)) + "|\n"
    return line + "|" + "|".join("---" for _ in range(columns)) + "|\n" + line * rows


@pytest.fixture
def draft(author):
    return ReviewFactory(reviewer=author, status="draft", body="First text.", language="en")


@pytest.fixture
def member(client, author):
    client.force_login(author.user)
    return client


# --- the size cap ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_preview_over_the_size_limit_answers_400_saying_the_limit(member, settings):
    settings.DIGEST_MAX_BODY_BYTES = 200_000
    response = member.post(PREVIEW, {"content": table(100, 2_000)})
    assert response.status_code == 400
    assert "the limit is 200 KB" in response.content.decode()


@pytest.mark.django_db
def test_saving_a_body_over_the_limit_is_a_form_error_that_keeps_the_text(member, draft, settings):
    settings.DIGEST_MAX_BODY_BYTES = 200_000
    body = "word " * 40_000 + "THE-END-OF-MY-TEXT"
    response = member.post(f"/me/reviews/{draft.pk}/edit/", {"body": body, "version": 1, "language": "en", "save": "1"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The text is 200 KB; the limit is 200 KB." in page
    assert "THE-END-OF-MY-TEXT" in page  # what the person typed is still in the form
    assert Review.objects.get(pk=draft.pk).body == "First text."


@pytest.mark.django_db
def test_an_autosave_over_the_limit_answers_400_with_the_reason(member, draft, settings):
    settings.DIGEST_MAX_BODY_BYTES = 1_000
    response = member.post(f"/me/reviews/{draft.pk}/autosave/", {"body": "é" * 600, "version": 1, "language": "en"})
    answer = json.loads(response.content)
    assert (response.status_code, answer["status"]) == (400, "invalid")
    assert answer["message"] == "The text is 1 KB; the limit is 1 KB. Shorten it, or split it into two reviews."


# --- bounded rendering -------------------------------------------------------------------------


def test_a_table_of_too_many_columns_stays_text():
    assert "<table>" in render_markdown(table(10, 3))
    assert "<table>" not in render_markdown(table(100, 3))


def test_tables_stop_being_tables_past_the_cell_budget():
    first, second = table(10, MAX_TABLE_CELLS // 10 - 2), table(10, 5)
    html = render_markdown(first + "\n" + second)
    assert html.count("<table>") == 1


def test_bare_links_stop_being_linked_past_the_link_budget():
    html = render_markdown(" ".join(f"www.example{n}.org" for n in range(MAX_LINKS + 100)))
    assert html.count("<a ") == MAX_LINKS
    assert "www.example599.org" in html


@pytest.mark.django_db
def test_autosave_renders_the_body_before_taking_the_row_lock(member, draft, monkeypatch):
    """The slow part (rendering; nh3 is its last step) runs outside the service's transaction."""
    outside = len(connection.atomic_blocks)
    depths = []
    clean = nh3.clean
    monkeypatch.setattr(nh3, "clean", lambda *args, **kwargs: depths.append(len(connection.atomic_blocks)) or clean(
        *args, **kwargs))  # fmt: skip
    response = member.post(f"/me/reviews/{draft.pk}/autosave/", {"body": "New *text*.", "version": 1, "language": "en"})
    assert json.loads(response.content)["status"] == "saved"
    assert depths == [outside]
    assert Review.objects.get(pk=draft.pk).body_html == "<p>New <em>text</em>.</p>\n"


# --- rate limits -------------------------------------------------------------------------------


@pytest.fixture
def slow_rates(settings):
    settings.DIGEST_RATE_LIMITS = {"preview": "2/h", "autosave": "2/h", "upload": "2/h", "arxiv": "2/h"}


@pytest.mark.django_db
def test_previews_past_the_rate_answer_429_with_a_message_per_member(member, other_reviewer, client, slow_rates):
    answers = [member.post(PREVIEW, {"content": "*hi*"}).status_code for _ in range(3)]
    refused = member.post(PREVIEW, {"content": "*hi*"})
    assert answers == [200, 200, 429]
    assert "You are going too fast: wait a minute and try again." in refused.content.decode()
    client.force_login(other_reviewer.user)  # another member has a rate of their own
    assert client.post(PREVIEW, {"content": "*hi*"}).status_code == 200


@pytest.mark.django_db
def test_a_long_preview_counts_once_per_started_10_kb(member, settings):
    settings.DIGEST_RATE_LIMITS = {"preview": "20/h"}  # hours: no window ends during the test
    long_text = "word " * 19_000  # 95 KB: ten units
    codes = [member.post(PREVIEW, {"content": long_text}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


@pytest.mark.django_db
def test_autosaves_past_the_rate_answer_429_and_change_nothing(member, draft, slow_rates):
    for version in (1, 2):
        data = {"body": f"Text {version}", "version": version, "language": "en"}
        member.post(f"/me/reviews/{draft.pk}/autosave/", data)
    response = member.post(f"/me/reviews/{draft.pk}/autosave/", {"body": "Text 3", "version": 3, "language": "en"})
    assert (response.status_code, json.loads(response.content)["status"]) == (429, "busy")
    assert Review.objects.get(pk=draft.pk).body == "Text 2"


@pytest.mark.django_db
def test_uploads_past_the_rate_answer_429(member, slow_rates):
    def png():
        buffer = io.BytesIO()
        Image.new("RGB", (4, 4)).save(buffer, "PNG")
        return SimpleUploadedFile("a.png", buffer.getvalue(), content_type="image/png")

    codes = [member.post("/markdownx/upload/", {"image": png()}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]


@pytest.mark.django_db
def test_arxiv_lookups_past_the_rate_answer_429_and_keep_the_form(member, slow_rates, settings):
    settings.DIGEST_ARXIV_API_URL = "http://127.0.0.1:9/api/query"  # nothing listens: fails fast
    data = {"arxiv": "1706.03762", "title": "Typed", "links-TOTAL_FORMS": "1", "links-INITIAL_FORMS": "0", "fetch": "1"}
    codes = [member.post("/papers/propose/", data).status_code for _ in range(2)]
    refused = member.post("/papers/propose/", data)
    assert (codes, refused.status_code) == ([200, 200], 429)
    assert "You are going too fast" in refused.content.decode()
    assert refused.context["form"]["title"].value() == "Typed"
