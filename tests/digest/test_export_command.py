"""manage.py export_issue ISSUE --format … [-o FILE]: by id or slug, to stdout or a file."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from digest.export.formats import export_issue
from tests.digest.export_data import make_issue

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["markdown", "habr", "html", "text"])
def test_export_by_id_to_stdout_with_warnings_on_stderr(fmt, capsys):
    issue = make_issue()
    call_command("export_issue", str(issue.pk), "--format", fmt)
    out, err = capsys.readouterr()
    assert out == export_issue(issue, fmt)
    assert "warning: 2. “Distilling the Knowledge in a Neural Network”: the link “Blog” has no URL." in err


def test_export_by_slug_to_a_file_and_a_standalone_page(tmp_path, capsys):
    issue = make_issue()
    target = tmp_path / "post.html"
    call_command("export_issue", issue.slug, "--format", "html", "--standalone", "-o", str(target))
    assert target.read_text(encoding="utf-8") == export_issue(issue, "html", standalone=True)
    assert capsys.readouterr().out == ""


def test_unknown_issue_is_an_error():
    with pytest.raises(CommandError, match="No issue with the slug “nope”"):
        call_command("export_issue", "nope")
