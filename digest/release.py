"""A digest of the templates and the apps' code: cached renderings (public pages, the workspace's
exports) are keyed by it, so that a new release renders them anew."""

import hashlib
from functools import lru_cache
from pathlib import Path

from django.conf import settings


def release_digest():
    """A digest of the templates and of the code of both apps.

    Computed once per process (app servers running the same release share their cache entries);
    under DEBUG on every request, since runserver reloads templates without restarting.
    """
    return _code_digest() if not settings.DEBUG else _code_digest.__wrapped__()


@lru_cache(maxsize=1)
def _code_digest():
    digest = hashlib.blake2b(digest_size=8)
    root = Path(__file__).resolve().parent.parent
    sources = [*(Path(folder) for folder in settings.TEMPLATES[0]["DIRS"]), root / "digest", root / "reviews"]
    for folder in sources:
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".html", ".txt", ".xml", ".py") and path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()
