"""The Russian catalogue covers the whole interface: every app's strings, translated, compiled.

The catalogue is `locale/ru/LC_MESSAGES/django.po` (one for both apps and the templates). To bring
it up to date after marking strings:

    python manage.py makemessages -l ru --no-obsolete -i ".venv/*" -i "bench/*" -i "tests/*" -i "staticfiles/*"
    # translate the new and the fuzzy entries, then
    python manage.py compilemessages -l ru
"""

import ast
import gettext
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

BASE_DIR = Path(settings.BASE_DIR)
LOCALE = BASE_DIR / "locale" / "ru" / "LC_MESSAGES"
IGNORED = [".venv/*", "bench/*", "tests/*", "staticfiles/*"]  # as in the command above
RUSSIAN_PLURALS = 3  # one (1, 21), few (2–4, 22), many (5–20, 0)
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\}")


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    forms: dict = field(default_factory=dict)  # msgstr index -> text; a singular entry has only 0
    flags: set = field(default_factory=set)

    @property
    def key(self):
        return (self.msgctxt, self.msgid, self.msgid_plural)

    def __str__(self):
        context = f"[{self.msgctxt}] " if self.msgctxt else ""
        return context + self.msgid


def read_po(path):
    """The entries of a .po file (header and obsolete `#~` entries left out)."""
    entries, entry, last = [], Entry(), None
    for line in [*Path(path).read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if last is not None:
                entries.append(entry)
            entry, last = Entry(), None
        elif line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            text = ast.literal_eval(line)
            if isinstance(last, int):
                entry.forms[last] += text
            else:
                setattr(entry, last, getattr(entry, last) + text)
        else:
            keyword, text = line.split(" ", 1)
            text = ast.literal_eval(text)
            if match := re.fullmatch(r"msgstr(?:\[(\d)\])?", keyword):
                last = int(match.group(1) or 0)
                entry.forms[last] = text
            else:
                last = keyword
                setattr(entry, keyword, text)
    return [entry for entry in entries if entry.msgid]


@pytest.fixture(scope="module")
def catalogue():
    return read_po(LOCALE / "django.po")


SOURCES = (".py", ".html", ".txt", ".po")  # what makemessages reads for the "django" domain, and the catalogue
NOT_COPIED = {"__pycache__", "media", "node_modules", "tests", "bench", "staticfiles", "static", "docs"}


def _not_copied(directory, names):
    return {
        name
        for name in names
        if name.startswith(".")
        or name in NOT_COPIED
        or ((Path(directory) / name).is_file() and not name.endswith(SOURCES))
    }


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """The catalogue as `makemessages` makes it from the code and templates as they are now.

    It runs on a copy of the sources and of the catalogue, so the real catalogue is never touched.
    (`static/` holds no Python or template; `tests/` and `bench/` are ignored by the command too.)
    """
    if not (shutil.which("xgettext") and shutil.which("msgmerge")):
        pytest.skip("GNU gettext (xgettext, msgmerge) not found: install gettext to check the catalogue")
    copy = tmp_path_factory.mktemp("i18n") / "project"
    shutil.copytree(BASE_DIR, copy, ignore=_not_copied)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(copy)
        patch.setattr(settings, "LOCALE_PATHS", [copy / "locale"])
        call_command("makemessages", locale=["ru"], no_obsolete=True, ignore_patterns=IGNORED, verbosity=0)
    return read_po(copy / "locale" / "ru" / "LC_MESSAGES" / "django.po")


def test_every_string_marked_in_the_code_and_templates_is_in_the_catalogue(catalogue, extracted):
    committed = {entry.key: entry for entry in catalogue}
    current = {entry.key: entry for entry in extracted}
    missing = sorted(str(current[key]) for key in current.keys() - committed.keys())
    unused = sorted(str(committed[key]) for key in committed.keys() - current.keys())
    assert missing == [], "marked in the code but not in django.po: run makemessages, then translate"
    assert unused == [], "in django.po but no longer in the code: run makemessages"


def test_the_catalogue_declares_the_three_russian_plural_forms():
    header = (LOCALE / "django.po").read_text(encoding="utf-8").split("\n\n", 1)[0]
    assert '"Plural-Forms: nplurals=3;' in header
    forms = gettext.c2py(re.search(r"plural=(.*?);", header.replace('"\n"', "")).group(1))
    assert [forms(n) for n in [1, 2, 5, 11, 21, 22, 25, 101, 111, 0]] == [0, 1, 2, 2, 0, 1, 2, 0, 2, 2]


def test_every_message_has_a_russian_translation_and_none_is_fuzzy(catalogue):
    assert [str(e) for e in catalogue if "fuzzy" in e.flags] == []
    assert [str(e) for e in catalogue if not all(e.forms.values())] == []
    plural_counts = {len(e.forms) for e in catalogue if e.msgid_plural}
    assert plural_counts == {RUSSIAN_PLURALS}


def test_translations_keep_every_placeholder(catalogue):
    """A lost or misspelt %(name)s breaks the page (KeyError) or drops a value; {} feeds format_html."""
    wrong = []
    for entry in catalogue:
        source = entry.msgid_plural if entry.msgid_plural is not None else entry.msgid
        expected = sorted(PLACEHOLDER.findall(source))
        wrong += [(str(entry), text) for text in entry.forms.values() if sorted(PLACEHOLDER.findall(text)) != expected]
    assert wrong == []


def test_the_compiled_catalogue_matches_the_po_file(catalogue):
    """django.mo holds exactly the .po's translations: nothing stale, missing or extra."""
    expected = {}
    for entry in catalogue:
        msgid = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt is not None else entry.msgid
        if entry.msgid_plural is None:
            expected[msgid] = entry.forms[0]
        else:
            expected.update({(msgid, index): text for index, text in entry.forms.items()})
    with open(LOCALE / "django.mo", "rb") as compiled:
        catalog = dict(gettext.GNUTranslations(compiled)._catalog)
    catalog.pop("")  # the header
    assert catalog == expected
