"""The apps' direction, checked as `make lint` and CI check it: `reviews` never imports `digest`.

import-linter reads the contract from pyproject.toml; the test runs it on the tree as it is, and on
a copy where one reviews module imports digest inside a function (the way it used to), which must
break the contract.
"""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(tree):
    return subprocess.run(
        [str(LINT_IMPORTS), "--config", "pyproject.toml", "--no-cache"],
        cwd=tree,
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


def copy_of_the_apps(tmp_path):
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for app in ("reviews", "digest", "api"):
        shutil.copytree(ROOT / app, tmp_path / app, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_tree_keeps_the_contract():
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "reviews never imports digest" in result.stdout and "1 kept, 0 broken" in result.stdout


def test_a_reviews_module_importing_digest_breaks_the_contract(tmp_path):
    tree = copy_of_the_apps(tmp_path)
    (tree / "reviews" / "desk" / "stray.py").write_text("def planned():\n    from digest.models import Issue\n")
    result = lint_imports(tree)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "reviews.desk.stray -> digest.models" in result.stdout
