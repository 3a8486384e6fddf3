"""The production storage of static files (digest/staticfiles.py) gives the manifest's hashed names,
the same on every ask, and refuses a file the manifest lacks every time it is asked for."""

import json

import pytest
from django.core.management import call_command
from django.templatetags.static import static

pytestmark = pytest.mark.django_db


@pytest.fixture
def production_static(settings, tmp_path):
    settings.DEBUG = False
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "digest.staticfiles.StaticFilesStorage"}}
    call_command("collectstatic", interactive=False, verbosity=0, ignore_patterns=["admin", "vendor"])
    return json.loads((settings.STATIC_ROOT / "staticfiles.json").read_text())["paths"]


def test_a_static_url_is_the_manifests_hashed_name_on_every_ask(production_static):
    for name in ["css/archive.css", "css/admin.css", "js/workspace.js"]:
        assert static(name) == static(name) == f"/static/{production_static[name]}"
    assert static("css/archive.css#top") == f"/static/{production_static['css/archive.css']}#top"


def test_a_file_missing_from_the_manifest_is_refused_on_every_ask(production_static):
    for _ in range(2):
        with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
            static("css/nowhere.css")
