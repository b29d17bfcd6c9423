"""Writing the after-action report to a folder: report.md, its PNGs, and report.pdf (issue 12 §4).

Contract: :func:`write_report(chronicle, folder, teaching, map_png)` makes ``folder`` (and its
parents) and writes into it ``report.md``, one PNG per chart (``<chart key>.png``), the final map
(``final-map.png``) and ``report.pdf``; it returns a :class:`ReportFiles`.  ``map_png``: the final map
already drawn (PNG bytes: the end screen draws it in the window's thread, since pygame's text is not for
two threads); None draws it here with the game's map renderer.  ``teaching``: the scenario's teaching notes
(:func:`teaching_of` reads them).  Everything written depends only on the chronicle and the teaching notes:
the same save gives the same ``report.md``, byte for byte.  :func:`report_of_match` replays a match and writes
its report in one call (the bench, the tests).  An OSError (a full disk, a folder that cannot be written) is
the caller's to word.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .charts import chart_png, charts_for
from .markdown import render_markdown
from .pdf import write_pdf
from .series import Chronicle, chronicle_of
from .story import tell

MAP_FILE = "final-map.png"


@dataclass(frozen=True)
class ReportFiles:
    folder: Path
    markdown: Path
    pdf: Path
    charts: tuple[Path, ...]
    map: Path | None
    pages: int


def teaching_of(scenario_id: str) -> dict:
    """The scenario's teaching notes (questions, learning goals, ideas), or {} when it cannot be loaded (a save's
    scenario was checked when it was loaded; a game made from a scenario given by path has no id to find)."""
    from game.session.catalog import ScenarioError, load_scenario
    try:
        return dict(load_scenario(scenario_id).teaching or {})
    except (ScenarioError, OSError, LookupError, ValueError):
        return {}


def draw_final_map(ch: Chronicle) -> bytes:
    """The final map as PNG bytes, drawn by the game's renderer (game/ui/final_map.py): off screen when there is
    no window, and in the window's thread when there is one."""
    import io

    import pygame
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    from game.ui.final_map import final_map_surface

    from .markdown import day
    truth = ch.final
    when = next((e.date for _n, e in reversed(ch.notable) if e.kind == "ArmisticeSigned"), truth.date)
    surf = final_map_surface(ch.board, truth.control, ch.config.blocs, truth.dmz,
                             f"The final map: {day(truth.date)}",
                             f"{ch.config.title}: ground held at the end, this war's line and the real one of 1953",
                             f"{when.day} {when:%b %Y}")
    buf = io.BytesIO()
    pygame.image.save(surf, buf, "final-map.png")
    return buf.getvalue()


def write_report(ch: Chronicle, folder: Path, teaching: dict | None = None, map_png: bytes | None = None
                 ) -> ReportFiles:
    """Write the report of ``ch`` into ``folder`` (see the module's contract)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    story = tell(ch, ch.config.title, teaching)
    charts = charts_for(ch)
    written = []
    for chart in charts:
        path = folder / f"{chart.key}.png"
        path.write_bytes(chart_png(chart, ch))
        written.append((chart, path.name))
    map_path = folder / MAP_FILE
    map_path.write_bytes(map_png if map_png is not None else draw_final_map(ch))
    md = folder / "report.md"
    md.write_text(render_markdown(story, written, map_path.name), encoding="utf-8")
    pdf = folder / "report.pdf"
    pages = write_pdf(pdf, story, ch, written, map_path)
    return ReportFiles(folder, md, pdf, tuple(folder / n for _c, n in written), map_path, pages)


def report_of_match(match, folder: Path) -> ReportFiles:
    """Replay ``match`` (game.report.series.chronicle_of; ReplayError if its record does not replay) and write
    its report, with its scenario's teaching notes, into ``folder``."""
    return write_report(chronicle_of(match), folder, teaching_of(match.scenario_id))
