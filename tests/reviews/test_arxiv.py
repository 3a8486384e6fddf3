"""The arXiv client: a recorded Atom answer through httpx.MockTransport, and every way it can fail."""

import httpx
import pytest

from reviews.arxiv import ArxivError, fetch_paper
from tests.fixtures.arxiv import recorded


def transport_answering(content=b"", status=200, seen=None):
    def handle(request):
        if seen is not None:
            seen.append(request)
        return httpx.Response(status, content=content, headers={"Content-Type": "application/atom+xml"})

    return httpx.MockTransport(handle)


def failing_transport(error):
    def handle(request):
        raise error("simulated", request=request)

    return httpx.MockTransport(handle)


def test_fetch_paper_reads_title_authors_year_and_link_from_the_recorded_answer(settings):
    settings.DIGEST_ARXIV_API_URL = "https://arxiv.example/api/query"
    seen = []
    paper = fetch_paper(
        "https://arxiv.org/abs/1706.03762v5", transport=transport_answering(recorded("1706.03762.xml"), seen=seen)
    )
    assert paper.title == "Attention Is All You Need"
    assert paper.authors == [
        "Ashish Vaswani", "Noam Shazeer", "Niki Parmar", "Jakob Uszkoreit",
        "Llion Jones", "Aidan N. Gomez", "Lukasz Kaiser", "Illia Polosukhin",
    ]  # fmt: skip
    assert paper.affiliations == ["Google Brain", "Google Research"]
    assert (paper.year, paper.arxiv_id, paper.original_url) == (2017, "1706.03762", "https://arxiv.org/abs/1706.03762")
    assert paper.summary.startswith(
        "The dominant sequence transduction models are based on complex recurrent or convolutional"
    )
    assert str(seen[0].url) == "https://arxiv.example/api/query?id_list=1706.03762&max_results=1"


def test_form_data_joins_authors_with_commas():
    paper = fetch_paper("1706.03762", transport=transport_answering(recorded("1706.03762.xml")))
    assert paper.as_form_data() == {
        "arxiv_id": "1706.03762",
        "title": "Attention Is All You Need",
        "authors": "Ashish Vaswani, Noam Shazeer, Niki Parmar, Jakob Uszkoreit, Llion Jones, Aidan N. Gomez, "
        "Lukasz Kaiser, Illia Polosukhin",
        "affiliations": "Google Brain, Google Research",
        "year": 2017,
        "original_url": "https://arxiv.org/abs/1706.03762",
    }


@pytest.mark.parametrize(
    ("transport", "message"),
    [
        (failing_transport(httpx.ConnectError), "arXiv could not be reached"),
        (failing_transport(httpx.ReadTimeout), "arXiv did not answer in time"),
        (transport_answering(b"busy", status=503), "arXiv answered with an error (HTTP 503)"),
        (transport_answering(b"<html>not atom"), "arXiv sent an answer we could not read"),
        (transport_answering(recorded("not_found.xml")), "arXiv has no paper with the id “2401.99999”"),
        (transport_answering(recorded("malformed_id.xml")), "did not accept “2401.99999”: incorrect id format"),
    ],
)
def test_every_failure_becomes_a_readable_arxiv_error(transport, message):
    with pytest.raises(ArxivError) as error:
        fetch_paper("2401.99999", transport=transport)
    assert message in str(error.value)


def test_text_that_is_no_arxiv_id_is_refused_without_asking_arxiv():
    seen = []
    with pytest.raises(ArxivError) as error:
        fetch_paper("attention is all you need", transport=transport_answering(seen=seen))
    assert "is not an arXiv id or URL" in str(error.value)
    assert seen == []


def test_timeout_comes_from_settings(settings):
    settings.DIGEST_ARXIV_TIMEOUT = 0.25
    seen = []
    fetch_paper("1706.03762", transport=transport_answering(recorded("1706.03762.xml"), seen=seen))
    assert seen[0].extensions["timeout"] == {"connect": 0.25, "read": 0.25, "write": 0.25, "pool": 0.25}
