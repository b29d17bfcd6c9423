"""The layer rules of ARCHITECTURE.md, enforced by walking every module's imports."""

import ast
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
