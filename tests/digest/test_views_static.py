"""In production, static files are compressed and cache-busted by whitenoise, and pages link the hashed names."""

import json
import re

import pytest
from django.core.management import call_command
from django.test import Client

from tests.digest.archive import published_issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_static(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["admin"])
    manifest = json.loads((settings.STATIC_ROOT / "staticfiles.json").read_text())["paths"]
    return settings.STATIC_ROOT, manifest


def test_pages_link_hashed_static_files_served_compressed_and_immutable(production_static, editor):
    root, manifest = production_static
    hashed_css = manifest["css/archive.css"]
    assert re.fullmatch(r"css/archive\.[0-9a-f]{12}\.css", hashed_css)
    assert (root / f"{hashed_css}.gz").exists()
    published_issue(editor, slug="static")

    client = Client()  # a new handler: whitenoise indexes the collected files
    page = client.get("/issues/static/").content.decode()
    for name in ["css/archive.css", "vendor/katex/katex.min.css", "vendor/katex/katex.min.js", "js/math.js"]:
        assert f"/static/{manifest[name]}" in page

    response = client.get(f"/static/{hashed_css}", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert response["Cache-Control"] == "max-age=315360000, public, immutable"
    response.close()
