"""The text a new draft starts from.

The series that publish reviews (the digest app) define review templates, but `reviews` never
imports `digest`: the digest app registers its source here when it starts (digest/apps.py).
"""

_sources = []


def register_template_source(source):
    """`source(language)` -> the markdown a new draft in `language` starts from, or ""."""
    if source not in _sources:
        _sources.append(source)
    return source


def draft_template(language):
    for source in _sources:
        if text := source(language):
            return text
    return ""
