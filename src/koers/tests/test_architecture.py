"""The map in docs/architecture.md holds: no app imports a layer above it, no app imports
another app's views, and the pure core never imports Django."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]  # src/koers
DOC = ROOT.parents[1] / "docs" / "architecture.md"

# Lower numbers are lower layers. A module may import its own layer and the ones below.
LAYERS: dict[str, int] = {
    # 0: the pure core (never imports Django)
    "periods": 0,
    "numbers": 0,
    "language": 0,
    "errors": 0,
    "trendengine": 0,
    "catalogue": 0,
    "charts": 0,
    "computation": 0,
    # 1: small Django-aware building blocks without models
    "fields": 1,
    "commands": 1,
    "widgets": 1,
    # 2: who and where
    "organisations": 2,
    "jobs": 2,
    # 3: the domain
    "kpis": 3,
    # 4: judging, choosing and aiming
    "trends": 4,
    "goals": 4,
    "selection": 4,
    # 5: the team meeting
    "meetings": 5,
    # 6: what uses all of the above
    "dataentry": 6,
    "health": 6,
    "reports": 6,
    "sources": 6,
    "benchmarks": 6,  # peer groups and imported figures; reads files with dataentry.tables
    # 7: the outside world
    "api": 7,
}
PURE = {name for name, layer in LAYERS.items() if layer == 0}
# The project's shell composes everything and is imported by no app.
SHELL = {"cli", "settings", "urls", "wsgi", "demo", "middleware", "templatetags", "testing"}
SHELL |= {"navigation", "conftest", "management", "formats", "backup", "__init__"}
# Hub pages show other apps' data above their own layer; everything else may not.
HUBS = {
    "organisations/views/structure.py",  # the organisation page: attention first, the unit tree
    "kpis/views.py",  # the unit and KPI pages: verdicts, goals served
    "kpis/forms.py",  # the KPI's definition names the annual goals it serves
    "organisations/attention.py",  # what needs attention, first on the organisation page
    "organisations/templatetags/attention.py",  # ... and on the unit pages
}


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT)
        if {"tests", "migrations", "vendor"} & set(rel.parts) or rel.name.startswith("test"):
            continue
        yield rel, ast.parse(path.read_text(encoding="utf-8"))


def _imports(tree) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


def _owner(rel: Path) -> str:
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def test_it_places_every_app_and_module_in_a_layer():
    unplaced = {_owner(rel) for rel, _ in _modules()} - set(LAYERS) - SHELL
    assert unplaced == set(), f"add these to LAYERS here and to docs/architecture.md: {unplaced}"


def test_it_lets_no_app_import_a_layer_above_it():
    upward = []
    for rel, tree in _modules():
        owner = _owner(rel)
        if owner in SHELL or rel.as_posix() in HUBS:
            continue
        for module in _imports(tree):
            parts = module.split(".")
            if parts[0] != "koers" or len(parts) < 2 or parts[1] == owner:
                continue
            target = parts[1]
            if target in SHELL and target not in ("navigation",):
                upward.append(f"{rel}: imports the project shell {module}")
            elif LAYERS.get(target, 0) > LAYERS[owner]:
                upward.append(f"{rel} (layer {LAYERS[owner]}) imports {module}")
    assert upward == [], "\n".join(upward)


def test_it_lets_no_app_import_another_apps_views():
    found = []
    for rel, tree in _modules():
        for module in _imports(tree):
            parts = module.split(".")
            if parts[0] == "koers" and len(parts) > 2 and parts[1] != _owner(rel):
                if parts[2] == "views" or parts[2].endswith("_views"):
                    found.append(f"{rel}: {module}")
    assert found == [], found


def test_it_keeps_views_in_one_layout():
    """Views live in ``views.py`` or a ``views/`` package (one module per noun), never in
    sibling ``*_views.py`` files."""
    siblings = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*_views.py")
        if not {"tests", "vendor"} & set(path.relative_to(ROOT).parts)
    ]
    assert siblings == [], siblings


def test_it_keeps_the_pure_core_free_of_django():
    found = []
    for rel, tree in _modules():
        if _owner(rel) in PURE:
            for module in _imports(tree):
                if module.split(".")[0] == "django" or (
                    module.startswith("koers.") and module.split(".")[1] not in PURE
                ):
                    found.append(f"{rel}: {module}")
    assert found == [], found


def test_it_names_only_modules_that_exist():
    missing = [n for n in LAYERS if not (ROOT / n).exists() and not (ROOT / f"{n}.py").exists()]
    assert missing == [], f"LAYERS names modules that are not there: {missing}"


@pytest.mark.parametrize("name", sorted(LAYERS))
def test_it_documents_each_layer_in_the_architecture_map(name):
    assert f"`{name}`" in DOC.read_text(encoding="utf-8"), f"docs/architecture.md lacks `{name}`"
