"""Look a paper up on arXiv: title, authors, year and the link to the original, from the Atom API.

A real HTTP client (httpx) with a short timeout; the Atom response is parsed with the standard
library. Every failure (network, timeout, HTTP error, unknown id, malformed answer) raises
`ArxivError` with a sentence a person can act on, so the proposal form can say what happened
and manual entry still works. Tests pass a `transport` (httpx.MockTransport) or point
`settings.DIGEST_ARXIV_API_URL` at a local server.
"""

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

import httpx
from django.conf import settings
from django.utils.translation import gettext as _

from .models import parse_arxiv_id

ATOM = "{http://www.w3.org/2005/Atom}"
ARXIV = "{http://arxiv.org/schemas/atom}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


class ArxivError(Exception):
    """The lookup failed; the message says why in words for the person filling the form."""


@dataclass(frozen=True)
class ArxivPaper:
    arxiv_id: str
    title: str
    authors: list = field(default_factory=list)
    affiliations: list = field(default_factory=list)
    year: int | None = None
    original_url: str = ""
    summary: str = ""

    def as_form_data(self):
        """The values of the proposal form's fields."""
        return {
            "arxiv_id": self.arxiv_id,
            "title": self.title,
            "authors": ", ".join(self.authors),
            "affiliations": ", ".join(self.affiliations),
            "year": self.year or "",
            "original_url": self.original_url,
        }


def _text(element):
    """Text with arXiv's line wrapping and runs of spaces collapsed."""
    return " ".join((element.text or "").split()) if element is not None else ""


def parse_atom(content, *, arxiv_id):
    """The paper described by an arXiv Atom response, or ArxivError."""
    try:
        feed = ET.fromstring(content)
    except ET.ParseError:
        raise ArxivError(_("arXiv sent an answer we could not read. Enter the paper by hand.")) from None
    entries = feed.findall(f"{ATOM}entry")
    if not entries:
        raise ArxivError(_("arXiv has no paper with the id “%(id)s”. Check the id.") % {"id": arxiv_id})
    entry = entries[0]
    entry_id = _text(entry.find(f"{ATOM}id"))
    title = _text(entry.find(f"{ATOM}title"))
    if "/api/errors" in entry_id or title == "Error":
        reason = _text(entry.find(f"{ATOM}summary"))
        raise ArxivError(_("arXiv did not accept “%(id)s”: %(reason)s.") % {"id": arxiv_id, "reason": reason})
    if not title:
        raise ArxivError(_("arXiv has no paper with the id “%(id)s”. Check the id.") % {"id": arxiv_id})
    authors, affiliations = [], []
    for author in entry.findall(f"{ATOM}author"):
        if name := _text(author.find(f"{ATOM}name")):
            authors.append(name)
        for affiliation in author.findall(f"{ARXIV}affiliation"):
            if (text := _text(affiliation)) and text not in affiliations:
                affiliations.append(text)
    published = _text(entry.find(f"{ATOM}published"))
    year = int(published[:4]) if re.match(r"\d{4}-", published) else None
    found_id = parse_arxiv_id(entry_id) or arxiv_id
    return ArxivPaper(
        arxiv_id=found_id,
        title=title,
        authors=authors,
        affiliations=affiliations,
        year=year,
        original_url=abstract_url(found_id),
        summary=_text(entry.find(f"{ATOM}summary")),
    )


def abstract_url(arxiv_id):
    """The paper's page on arXiv, known from the id alone (whether or not arXiv answers)."""
    return f"https://arxiv.org/abs/{arxiv_id}" if arxiv_id else ""


def fetch_paper(id_or_url, *, transport=None):
    """Ask arXiv about the paper with this id or URL. Raises ArxivError with a readable reason."""
    arxiv_id = parse_arxiv_id(id_or_url)
    if not arxiv_id:
        raise ArxivError(
            _("“%(text)s” is not an arXiv id or URL (for example 1706.03762 or https://arxiv.org/abs/1706.03762).")
            % {"text": (id_or_url or "").strip()}
        )
    try:
        with httpx.Client(timeout=settings.DIGEST_ARXIV_TIMEOUT, transport=transport, follow_redirects=True) as client:
            response = client.get(settings.DIGEST_ARXIV_API_URL, params={"id_list": arxiv_id, "max_results": 1})
            response.raise_for_status()
    except httpx.TimeoutException:
        raise ArxivError(_("arXiv did not answer in time. Try again, or enter the paper by hand.")) from None
    except httpx.HTTPStatusError as error:
        raise ArxivError(
            _("arXiv answered with an error (HTTP %(status)s). Try again later, or enter the paper by hand.")
            % {"status": error.response.status_code}
        ) from None
    except httpx.HTTPError:
        raise ArxivError(_("arXiv could not be reached. Check the connection, or enter the paper by hand.")) from None
    return parse_atom(response.content, arxiv_id=arxiv_id)
