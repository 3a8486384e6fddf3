"""Dependencies say what runs where: pyproject.toml declares them, the two locks pin them with
hashes, the app's own code imports only what the runtime lock installs, and the pre-commit hooks run
the linters at the locked versions."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
APP_PACKAGES = ("digest", "reviews", "api")
PIN = re.compile(r"^([A-Za-z0-9._-]+)==(\S+) \\$", re.MULTILINE)


def locked(name):
    """{distribution: version} of a lock file; every pin carries at least one hash."""
    text = (ROOT / name).read_text()
    blocks = re.split(r"\n(?=[A-Za-z])", text)
    pins = [block for block in blocks if PIN.match(block)]
    assert all("--hash=sha256:" in block for block in pins), f"{name}: a pin without a hash"
    return {canonicalize_name(m[1]): m[2] for m in (PIN.match(block) for block in pins)}


def declared(extra=None):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = project["optional-dependencies"][extra] if extra else project["dependencies"]
    return {canonicalize_name(Requirement(name).name) for name in names}


def imported_by_the_app():
    """Top-level modules the app's runtime code imports (tests, bench and migrations aside)."""
    modules = set()
    for package in APP_PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Import):
                    modules.update(alias.name.split(".")[0] for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules.add(node.module.split(".")[0])
    return modules - set(sys.stdlib_module_names) - set(APP_PACKAGES)


def test_the_locks_pin_everything_declared_with_hashes():
    runtime, dev = locked("requirements.txt"), locked("requirements-dev.txt")
    assert declared() <= runtime.keys()
    assert declared() | declared("dev") <= dev.keys()
    assert {name: dev[name] for name in runtime} == runtime, "the dev lock installs other runtime versions"


def test_the_app_imports_only_what_the_runtime_lock_installs():
    distributions = packages_distributions()
    runtime = locked("requirements.txt")
    outside = {
        module: distributions.get(module)
        for module in imported_by_the_app()
        if not {canonicalize_name(name) for name in distributions.get(module, [module])} & runtime.keys()
    }
    assert outside == {}, "imported by the app but only a dev dependency (or none): declare it in [project]"


def test_test_only_libraries_are_not_runtime_dependencies():
    assert {"beautifulsoup4", "pytest", "factory-boy", "playwright"}.isdisjoint(declared())
    assert {"beautifulsoup4", "pytest", "factory-boy", "playwright"} <= declared("dev")


def test_pre_commit_runs_the_linters_at_the_locked_versions():
    config = (ROOT / ".pre-commit-config.yaml").read_text()
    hooks = dict(re.findall(r'"([a-z-]+)==([^"]+)"', config))
    dev = locked("requirements-dev.txt")
    assert set(hooks) == {"ruff", "django-upgrade", "djhtml"}
    assert {name: dev[name] for name in hooks} == hooks
