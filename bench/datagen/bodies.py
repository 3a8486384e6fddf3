"""A pool of review bodies per language, each rendered once, exactly as `Review.save()` renders it.

`bulk_create` bypasses `save()`, so the generator fills `body_html` and `search_document` from
here. Rendering is the expensive part (about 25 ms for 5,000 words), so each distinct body is
rendered once and shared by many reviews.
"""

from dataclasses import dataclass

from reviews.markdown import html_to_text, render_markdown

from . import text


@dataclass(frozen=True)
class Body:
    source: str
    html: str
    folded_text: str  # html_to_text(html).casefold(): the body's part of the search document


def render(source):
    html = render_markdown(source)
    return Body(source, html, html_to_text(html).casefold())


def search_document(title, authors, body):
    """What Review.save() stores: " ".join([title, authors, text]).casefold()."""
    return f"{title} {authors}".casefold() + " " + body.folded_text


def pool_sizes(reviews, weights):
    total = max(25, min(1000, reviews // 100))
    return {language: max(5, total * weight // sum(weights.values())) for language, weight in weights.items()}


def build_pool(rng, sizes, progress):
    """{language: [Body]}; each language gets at least one body of about 5,000 words."""
    pool = {}
    with progress(total=sum(sizes.values()), desc="rendering bodies", unit="body") as bar:
        for language, size in sizes.items():
            lengths = [text.body_length(rng) for _ in range(size)]
            if max(lengths) < 4000:
                lengths[0] = rng.randint(4800, 5200)
            bodies = []
            for length in lengths:
                bodies.append(render(text.review_body(rng, language, length)))
                bar.update(1)
            pool[language] = bodies
    return pool
