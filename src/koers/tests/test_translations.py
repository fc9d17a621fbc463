"""Dutch and English are complete: every message of every app has a Dutch translation."""

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = sorted(ROOT.glob("**/locale/nl/LC_MESSAGES/django.po"))


def test_it_has_a_dutch_catalogue_for_the_project_and_the_core_apps():
    names = {p.relative_to(ROOT).parts[0] for p in CATALOGUES}
    assert {"locale", "organisations", "kpis", "goals"} <= names


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_it_translates_every_message(po):
    text = po.read_text()
    assert "#, fuzzy" not in text.split("\n\n", 1)[1], f"fuzzy entries in {po}"
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt (Debian package gettext) is not installed")
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_it_ships_a_compiled_catalogue_next_to_each_po(po):
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"run `make messages` to compile {po}"
    assert mo.stat().st_mtime >= po.stat().st_mtime - 1 or mo.stat().st_size > 0


# "u"/"uw" as a word; "%(u)s"-style placeholders and words such as "uur" or "nu" do not count.
FORMAL = re.compile(r"(?<![\w%(])(u|uw|uzelf)(?![\w)])", re.IGNORECASE)


def dutch_texts(po):
    """Yield (line number, text) of each msgstr (and msgstr[n]) of a catalogue, joined."""
    start, parts = None, []
    for number, line in enumerate(po.read_text().splitlines() + [""], 1):
        if line.startswith("msgstr"):
            if start is not None:
                yield start, "".join(parts)
            start, parts = number, [ast.literal_eval(line.split(" ", 1)[1])]
        elif line.startswith('"') and start is not None:
            parts.append(ast.literal_eval(line))
        elif start is not None:
            yield start, "".join(parts)
            start, parts = None, []


def test_it_finds_a_formal_u_when_there_is_one(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid "Your"\nmsgstr ""\n"Hier ziet u "\n"%(u)s nu"\n\nmsgid "x"\nmsgstr "Uw."\n'
    )
    found = [(n, FORMAL.findall(text)) for n, text in dutch_texts(po)]
    assert found == [(2, ["u"]), (7, ["Uw"])]


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_it_says_je_and_never_u_in_dutch(po):
    formal = [f"line {n}: {text}" for n, text in dutch_texts(po) if FORMAL.search(text)]
    assert formal == [], "Dutch says je/jij/jouw, not u/uw:\n" + "\n".join(formal)


APPS_WITH_CATALOGUES = sorted(
    p.relative_to(ROOT).parts[0] for p in CATALOGUES if p.relative_to(ROOT).parts[0] != "locale"
)
NOT_PROJECT = [*APPS_WITH_CATALOGUES, "tests", "trendengine", "catalogue"]


def _msgids(po: Path) -> set[tuple[str, str]]:
    """(context, msgid) of each entry of a catalogue, the header and obsolete ones left out."""
    found, ctx, field, parts = set(), "", None, {}
    for line in po.read_text().splitlines() + [""]:
        keyword = line.split(" ", 1)[0]
        if keyword in ("msgctxt", "msgid", "msgid_plural") or keyword.startswith("msgstr"):
            field = keyword
            parts[field] = [ast.literal_eval(line.split(" ", 1)[1])]
        elif line.startswith('"') and field is not None:
            parts[field].append(ast.literal_eval(line))
        elif not line.strip() and parts:
            msgid = "".join(parts.get("msgid", []))
            ctx = "".join(parts.get("msgctxt", []))
            if msgid:
                found.add((ctx, msgid))
            field, parts = None, {}
    return found


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="xgettext (gettext) not installed")
def test_it_has_every_text_of_the_code_in_a_catalogue(tmp_path):
    """What `make messages` would extract from the code is already in the catalogues: a text
    added in code or a template without refreshing them fails here, not in front of a user."""
    copy = tmp_path / "koers"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static"))
    (tmp_path / "only_here.py").write_text(
        f"from koers.settings import *  # noqa\nLOCALE_PATHS = [{str(copy / 'locale')!r}]\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "only_here",
        "PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT.parent}",
    }
    # -P: the copy (its numbers.py, say) must not shadow the standard library
    run = [sys.executable, "-P", "-m", "django", "makemessages", "-l", "nl", "--no-obsolete"]
    ignore = [arg for app in NOT_PROJECT for arg in ("-i", f"{app}/*")]
    jobs = [(copy, [*run, *ignore])]
    jobs += [(copy / app, [*run, "-i", "tests/*"]) for app in APPS_WITH_CATALOGUES]
    for cwd, command in jobs:
        done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
    missing = []
    for po in CATALOGUES:
        part = po.relative_to(ROOT)
        new = _msgids(copy / part) - _msgids(po)
        missing += [f"{part}: {msgid!r}" for _ctx, msgid in sorted(new)]
    assert missing == [], "run `make messages` and translate:\n" + "\n".join(missing)
