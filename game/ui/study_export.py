"""A what-if study's pictures and its export: the heat maps (drawn in the window's thread) and the folder of files.

Contract:

* ``draw_heatmaps(scenario, result, what_ifs)``: the two heat maps (game/ui/heatmap.py, the whole picture with
  its title and legend) as pygame Surfaces.  pygame's text is not for two threads, so the window's thread calls
  it, once, when the study ends; the screen shows their maps and the export saves them.
* ``folder_for(save_dir, scenario_id, a, b)``: <save folder>/reports/study-<scenario>-<A>-vs-<B>; the same
  comparison exported again rewrites the same folder.
* ``write_study(folder, ...)`` (on a background Job): ``summary.md`` -- the what-ifs, the charts and maps as
  images, and the comparison's tables (game/session/aggregate.py render_comparison) -- beside
  ``outcomes.png``, ``armistice-dates.png`` (print colours), ``heatmap-a.png`` and ``heatmap-b.png``.  Every
  image the Markdown links is a file of the folder.  Returns the folder's files; OSError if it cannot write.
"""

from __future__ import annotations

import io
from pathlib import Path

import pygame

from .study_choices import WhatIf

#: The files of an export, in the order the Markdown shows them.
FILES = ("summary.md", "outcomes.png", "armistice-dates.png", "heatmap-a.png", "heatmap-b.png")


def draw_heatmaps(scenario, result, what_ifs: tuple[WhatIf, WhatIf]) -> tuple[pygame.Surface, pygame.Surface]:
    from .heatmap import heatmap_surface
    out = []
    for name, agg, what_if in zip("AB", result.aggregates, what_ifs):
        title = f"{name}: where the line fell"
        subtitle = f"{scenario.title}; {agg['runs']} runs; {what_if.describe()}"
        out.append(heatmap_surface(scenario.board, agg["un_share_by_hex"], title, subtitle[:110]))
    return out[0], out[1]


def png_bytes(surface: pygame.Surface) -> bytes:
    buf = io.BytesIO()
    pygame.image.save(surface, buf, "png")
    return buf.getvalue()


def folder_for(save_dir: Path, scenario_id: str, a: WhatIf, b: WhatIf) -> Path:
    return Path(save_dir) / "reports" / f"study-{scenario_id}-{a.slug()}-vs-{b.slug()}"


def summary_markdown(scenario, result, what_ifs: tuple[WhatIf, WhatIf], turns: int | None) -> str:
    from game.report.study_charts import outcome_label
    from game.session.aggregate import render_comparison

    from .study_run import AGENT, SEED
    a, b = result.aggregates
    names = {s.id: s.name for s in scenario.config.seats}
    limit = f", each stopped after {turns} turns" if turns else ""
    lines = [f"# What-if study: {scenario.title}", "",
             f"{a['runs']} runs of each what-if{limit}, every side played by the computer ({AGENT}), seed {SEED}: "
             "run i of A and run i of B start from the same seed, so the what-if is the only difference.", ""]
    for name, what_if in zip("AB", what_ifs):
        pol = ", ".join(f"`{p}`" for p in what_if.policies) or "no policy: every decision as the computer decides"
        lines.append(f"- **{name}**: {what_if.describe()} ({pol})")
    lines += ["", "![How the wars ended: the share of runs with its 95% interval](outcomes.png)", "",
              "![When the armistice was signed, runs a month](armistice-dates.png)", "",
              "| A: where the line fell | B: where the line fell |", "| --- | --- |",
              "| ![Heat map of A](heatmap-a.png) | ![Heat map of B](heatmap-b.png) |", "",
              "Each hex is tinted by the share of runs that ended with it in UN/ROK hands; the 1953 armistice line "
              "and the 38th parallel are drawn over it.", "",
              render_comparison(a, b, outcome_label, names)]
    return "\n".join(lines)


def write_study(folder: Path, scenario, result, what_ifs: tuple[WhatIf, WhatIf], turns: int | None,
                heatmaps: tuple[bytes, bytes]) -> list[Path]:
    from game.report.study_charts import histogram_png, outcomes_png
    folder.mkdir(parents=True, exist_ok=True)
    names = ("A", "B")
    data = {
        "summary.md": summary_markdown(scenario, result, what_ifs, turns).encode("utf-8"),
        "outcomes.png": outcomes_png(*result.aggregates, names),
        "armistice-dates.png": histogram_png(*result.reports, names),
        "heatmap-a.png": heatmaps[0],
        "heatmap-b.png": heatmaps[1],
    }
    out = []
    for name in FILES:
        path = folder / name
        path.write_bytes(data[name])
        out.append(path)
    return out
