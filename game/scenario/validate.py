"""Validate a parsed scenario: shapes (schema), then cross-references (this module).

:func:`validate_document` never stops at the first problem: it reports every
one it can find -- a wrong type, an unknown key, a seat that does not exist, a
place not on the map, too many units on one hex -- each with its line.  A
value that fails its shape check is replaced by ``INVALID`` and skipped by the
cross-reference checks, so one mistake is reported once.

Cross-reference checks are registered in ``CHECKS`` (in order); a new
section adds its own with ``register_check``.  When ``board`` is None the
map checks (places, hexes, land, stacking, and the politics sections, which
need the map's places and countries) are skipped, so a file can be checked for
shape without a map.

The politics sections are compiled into the engine's typed specs by
:func:`game.scenario.politics_compile.compile_politics` (one parser per
keyword of the engine's closed vocabulary), which reports ``(path, message)``;
:func:`check_politics` turns those paths into file:line and keeps the compiled
:class:`~game.engine.politics.model.Politics` for the loader
(``Validated.politics``).

The checks live beside this module: validate_context.py (what a check sees, and
the registry), validate_core.py (the core sections), validate_politics.py and validate_classroom.py;
importing them registers their checks, core first.  The names imported here "as"
themselves are re-exported: the loader, the tools and the tests take them from
this module.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any, Callable

from game.engine.board import Board

from .problems import Problem, describe, suggest
from .schema import INVALID, ROOT, SECTIONS, TEMPLATE, UNIT_FIELDS
from .validate_classroom import check_classroom as check_classroom  # it imports validate_politics: runs after
from .validate_context import CHECKS, Context, unit_entries
from .validate_context import JAPAN as JAPAN
from .validate_context import register_check as register_check
from .validate_core import calendar_dates as calendar_dates
from .validate_core import unit_counts as unit_counts
from .validate_politics import ENGINE_KEPT as ENGINE_KEPT
from .validate_politics import check_politics as check_politics
from .yamlsource import YamlDocument, parse_yaml


@dataclass
class Validated:
    """The outcome of validation: cleaned data (defaults filled, bad values INVALID) and problems."""

    doc: YamlDocument
    data: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)
    politics: Any = None        # the compiled Politics (None: no politics sections, or no board)

    @property
    def ok(self) -> bool:
        return not self.problems


def validate_text(text: str, file: str, stem: str | None = None, board: Board | None = None) -> Validated:
    """Parse and validate YAML text (``file`` is the name shown in problems)."""
    return validate_document(parse_yaml(text, file), stem, board)


def validate_document(doc: YamlDocument, stem: str | None = None, board: Board | None = None) -> Validated:
    """Validate a parsed document; ``stem`` is the file name meta.id must equal (None: not checked)."""
    problems = list(doc.problems)
    if problems and doc.data is None:        # a syntax error: nothing to check
        return Validated(doc, {}, problems)
    if doc.data is None:
        problems.append(doc.problem((), "the file is empty; a scenario is a mapping with the keys "
                                        + ", ".join(k for k, f in SECTIONS.items() if f.required)))
        return Validated(doc, {}, problems)
    if not isinstance(doc.data, dict):
        problems.append(doc.problem((), f"a scenario must be a mapping of sections (format:, meta:, ...); "
                                        f"got {describe(doc.data)}"))
        return Validated(doc, {}, problems)

    work = YamlDocument(doc.file, copy.deepcopy(doc.data), dict(doc.lines), [])
    report = lambda path, message: problems.append(work.problem(path, message))  # noqa: E731
    _expand_templates(work, report)
    data = ROOT.check(work.data, (), report)
    ctx = Context(work, data, board, stem)
    for check in CHECKS:
        check(ctx)
    problems.extend(ctx.problems)
    # A bad value merged from a template is reported at the template's line once per unit
    # using it (units[3].attack, units[4].attack...): keep one per line, key and message.
    seen: set[tuple] = set()
    out = []
    for p in problems:
        key = (p.line, p.field.rsplit(".", 1)[-1], p.message)
        if key not in seen:
            seen.add(key)
            out.append(p)
    return Validated(doc, data, sorted(out, key=lambda p: (p.line or 0, p.field)), ctx.politics)


# ---------------------------------------------------------------------------
# templates
# ---------------------------------------------------------------------------

def _expand_templates(work: YamlDocument, report: Callable[[tuple, str], None]) -> None:
    """Copy each unit's template keys into it (in place), keeping the template's lines."""
    raw = work.data.get("templates")
    templates = raw if isinstance(raw, dict) else {}
    checked = {name: TEMPLATE.check(t, ("templates", name), report) for name, t in templates.items()}
    for path, unit in unit_entries(work.data):
        if not isinstance(unit, dict) or "template" not in unit or not isinstance(unit["template"], str):
            continue
        name = unit["template"]
        if name not in templates:
            hint = suggest(name, templates) if templates else " (no templates are defined)"
            report(path + ("template",), f"unknown template '{name}'{hint}")
            unit["template"] = INVALID
            for key, f in UNIT_FIELDS.items():      # don't also report the keys it would have given
                if f.required and key not in unit:
                    unit[key] = INVALID
            continue
        values = checked[name] if isinstance(checked[name], dict) else {}
        for key, value in values.items():
            if key not in unit:
                unit[key] = value
                line = work.lines.get(("templates", name, key))
                if line is not None:
                    work.lines[path + (key,)] = line
