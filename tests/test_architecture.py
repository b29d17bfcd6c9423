"""The layer rules of ARCHITECTURE.md, enforced by walking every module's imports."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parent.parent / "game"

#: layer -> import prefixes it must never use
FORBIDDEN = {
    "engine": ["pygame", "pygame_gui", "yaml", "game.ai", "game.ui", "game.session", "game.scenario",
               "game.tools", "random"],
    "scenario": ["pygame", "pygame_gui", "game.ai", "game.ui", "game.session"],
    "ai": ["pygame", "pygame_gui", "yaml", "game.ui", "game.session", "game.scenario"],
    "session": ["pygame", "pygame_gui", "game.ui"],
    "ui": ["game.ai", "game.scenario", "yaml"],
    # The after-action report reads a replayed match (session) and draws with matplotlib and the map renderer
    # (game/ui/final_map.py); it never reaches for the screens, the widgets, the AI or the YAML files.
    "report": ["pygame_gui", "game.ui.screens", "game.ai", "game.scenario", "yaml"],
}
STDLIB = set(sys.stdlib_module_names)


def imports_of(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the package
                pkg = ".".join(path.relative_to(GAME.parent).with_suffix("").parts[: -node.level])
                out.append(f"{pkg}.{node.module}" if node.module else pkg)
            else:
                out.append(node.module or "")
    return out


def modules(layer: str) -> list[Path]:
    return sorted((GAME / layer).rglob("*.py"))


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports(layer):
    bad = []
    for path in modules(layer):
        for name in imports_of(path):
            for prefix in FORBIDDEN[layer]:
                if name == prefix or name.startswith(prefix + "."):
                    bad.append(f"{path.relative_to(GAME.parent)} imports {name}")
    assert not bad, "layer rule broken:\n" + "\n".join(bad)


def test_engine_uses_only_stdlib_and_numpy():
    bad = []
    for path in modules("engine"):
        for name in imports_of(path):
            top = name.split(".")[0]
            if top not in STDLIB and top not in ("numpy", "game", "__future__"):
                bad.append(f"{path.name}: {name}")
            if top == "game" and not name.startswith("game.engine"):
                bad.append(f"{path.name}: {name}")
    assert not bad, bad


def test_no_unsafe_loading_anywhere():
    bad = []
    for path in GAME.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                f = node.func
                name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", "")
                owner = getattr(f.value, "id", "") if isinstance(f, ast.Attribute) else ""
                if name in ("eval", "exec") and not owner:
                    bad.append(f"{path.name}: {name}()")
                if owner == "yaml" and name in ("load", "unsafe_load", "full_load", "load_all"):
                    bad.append(f"{path.name}: yaml.{name}()")
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                if any(n in ("pickle", "marshal", "shelve") for n in names):
                    bad.append(f"{path.name}: imports pickle-like module")
    assert not bad, bad


SCREENS = GAME / "ui" / "screens"
#: what every screen may import from its own package: the Screen interface (which imports no screen)
SHARED_SCREEN_MODULES = {"game.ui.screens.base"}
#: a screen that is a mode of another extends it (the classroom is a game screen with a teacher's console); it
#: still navigates by name through the router
EXTENDS = {"game.ui.screens.classroom_screen": {"game.ui.screens.game_screen"}}


def imported_modules(path: Path, root: Path = GAME.parent) -> set[str]:
    """Every module an import statement anywhere in the file could bind, at any depth (function
    bodies too): ``from pkg import name`` counts as ``pkg`` and as ``pkg.name``.  Relative imports
    are resolved against the file's package under ``root``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    here = path.relative_to(root).with_suffix("").parts
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(here[: -node.level]) if node.level else ""
            module = ".".join(p for p in (base, node.module or "") if p)
            out.add(module)
            out.update(f"{module}.{a.name}" for a in node.names)
    return out


def test_screens_do_not_import_one_another():
    """Screens navigate by name through the router (game/ui/router.py), never by importing a screen."""
    bad = set()
    for path in sorted(SCREENS.glob("*.py")):
        own = "game.ui.screens." + path.stem
        for name in imported_modules(path):
            if not name.startswith("game.ui.screens."):
                continue
            module = ".".join(name.split(".")[:4])       # game.ui.screens.<module>
            if module not in (own, *SHARED_SCREEN_MODULES, *EXTENDS.get(own, ())):
                bad.add(f"{path.relative_to(GAME.parent)} imports {module}")
    bad = sorted(bad)
    assert not bad, "a screen imports another screen; use self.app.go(name, ...):\n" + "\n".join(bad)


def test_the_screen_import_check_sees_every_form(tmp_path):
    """The check above sees imports inside functions, relative imports and ``from package import``."""
    folder = tmp_path / "game" / "ui" / "screens"
    folder.mkdir(parents=True)
    path = folder / "probe.py"
    path.write_text("def f():\n    from game.ui.screens.menu import MainMenu\n"
                    "def g():\n    from . import handover\n    from .end_screen import EndScreen\n"
                    "import game.ui.screens.load_save\n", encoding="utf-8")
    found = imported_modules(path, root=tmp_path)
    assert {"game.ui.screens.menu", "game.ui.screens.handover", "game.ui.screens.end_screen",
            "game.ui.screens.load_save"} <= found


# -- the engine's one door ------------------------------------------------------------------------------

ENGINE = GAME / "engine"
#: What the other layers may import from the engine: the API and the value types it speaks in
#: (hexes, the board, unit views, actions, events, the static config, the combat table, the movement unit,
#: and the politics specs a scenario is compiled into and the decisions panel describes).
ENGINE_DOORS = {
    "game.engine", "game.engine.api", "game.engine.hexes", "game.engine.board", "game.engine.units",
    "game.engine.actions", "game.engine.events", "game.engine.config", "game.engine.combat",
    "game.engine.terrain", "game.engine.politics", "game.engine.politics.model", "game.engine.politics.conditions",
    "game.engine.politics.effects",
}


def engine_module_of(name: str) -> str | None:
    """The engine module an import names (``from game.engine.api import X`` -> game.engine.api), or None."""
    if not (name == "game.engine" or name.startswith("game.engine.")):
        return None
    parts = name.split(".")
    # ``from game.engine import api`` binds game.engine.api; an attribute of a module is not a module.
    for k in range(len(parts), 1, -1):
        candidate = ".".join(parts[:k])
        path = GAME.parent.joinpath(*parts[:k])
        if path.with_suffix(".py").exists() or (path / "__init__.py").exists():
            return candidate
    return None


def test_other_layers_use_only_the_api_and_value_types():
    bad = set()
    for path in sorted(GAME.rglob("*.py")):
        if ENGINE in path.parents:
            continue
        for name in imported_modules(path):
            module = engine_module_of(name)
            if module is not None and module not in ENGINE_DOORS:
                bad.add(f"{path.relative_to(GAME.parent)} imports {module}")
    bad = sorted(bad)
    assert not bad, "only game.engine.api and the value types are the engine's door:\n" + "\n".join(bad)


def engine_graph() -> dict[str, set[str]]:
    """Engine module -> the engine modules it imports (anywhere in the file, function bodies too)."""
    graph: dict[str, set[str]] = {}
    for path in sorted(ENGINE.rglob("*.py")):
        parts = path.relative_to(GAME.parent).with_suffix("").parts
        me = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        deps = set()
        for name in imported_modules(path):
            module = engine_module_of(name)
            if module is not None and module != me:
                deps.add(module)
        graph[me] = deps
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of the graph (as a path that ends where it starts), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                return stack[stack.index(dep):] + [dep]
            if dep not in state:
                found = visit(dep)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_cycles_inside_the_engine():
    graph = engine_graph()
    # A package's __init__ is not a module of its own here: importing game.engine.politics.x runs it first.
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle in the engine: " + " -> ".join(cycle)


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_module_global_hooks_in_the_engine():
    """Turn flow calls politics directly (game/engine/flow.py); nothing registers itself by being imported."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in ENGINE.rglob("*.py"))
    assert "HOOKS" not in text


# -- launch stays fast ----------------------------------------------------------------------------------------

def test_matplotlib_is_imported_only_when_a_report_is_made():
    """Launching the game (the command line, the window, every screen, the end screen's charts) never imports
    matplotlib: it is imported inside the functions that draw a report's charts (game/report/charts.py, pdf.py)."""
    code = ("import sys, game.cli, game.ui.main, game.ui.router, game.ui.screens.end_screen, game.ui.war_charts, "
            "game.report.series, game.report.story, game.report.build, game.report.charts, game.report.pdf; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'matplotlib'))")
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "PYTHONPATH": str(GAME.parent)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120,
                         cwd=str(GAME.parent))
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]", out.stdout


def test_no_module_imports_matplotlib_at_its_top():
    bad = []
    for path in sorted(GAME.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            bad += [f"{path.relative_to(GAME.parent)}: {n}" for n in names if n.split(".")[0] == "matplotlib"]
    assert not bad, bad
