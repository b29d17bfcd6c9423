"""The end screen's "Export report": the same report as ``python -m game report``, written beside the saves.

Contract: ``ReportExport(app, charts)`` (``charts``: the screen's :class:`~game.ui.war_charts.WarCharts`, whose
replay it reuses) writes into ``<save folder>/reports/<name>/`` (``folder_for``: the scenario, the game's last
date and the first characters of its checksum, so exporting the same game again rewrites the same folder).
:meth:`start` asks for it; the screen calls :meth:`update` each frame and shows ``notice`` while it is not
None.  The steps: wait for the replay; draw the final map in the window's thread (pygame's text is not for two
threads; about a second); write the charts, the Markdown and the PDF on a background Job; then a message
says where the report is, or why it could not be written (a full disk, a folder that cannot be written).
"""

from __future__ import annotations

from pathlib import Path

from game.errorlog import log_exception

from .background import Job


def folder_for(save_dir: Path, chronicle) -> Path:
    """Where a game's report goes: <save folder>/reports/<scenario>-<last date>-<checksum[:8]>."""
    return Path(save_dir) / "reports" / f"{chronicle.scenario_id}-{chronicle.final.date:%Y-%m-%d}-" \
                                        f"{chronicle.checksum[:8]}"


def _write(chronicle, folder: Path, map_png: bytes):
    from game.report.build import teaching_of, write_report
    return write_report(chronicle, folder, teaching_of(chronicle.scenario_id), map_png)


class ReportExport:
    def __init__(self, app, charts):
        self.app = app
        self.charts = charts
        self.state = "idle"
        self._job: Job | None = None
        self._folder: Path | None = None

    @property
    def notice(self) -> str | None:
        return {"waiting": "Replaying the war…", "map": "Writing the report…",
                "writing": "Writing the report…"}.get(self.state)

    def start(self) -> None:
        if self.state == "idle":
            self.state = "waiting"

    def update(self) -> None:
        if self.state == "waiting":
            if self.charts.chronicle is not None:
                self.state = "map"          # drawn next frame, once the notice is on screen
            elif self.charts.problem is not None and not self.charts.busy:
                self.state = "idle"
                self.app.message("No report", self.charts.problem)
        elif self.state == "map":
            from game.report.build import draw_final_map
            chronicle = self.charts.chronicle
            self._folder = folder_for(self.app.save_dir, chronicle)
            try:
                png = draw_final_map(chronicle)
            except Exception as exc:  # noqa: BLE001 - a player never sees a traceback
                self._failed(exc)
                return
            self._job = Job(_write, chronicle, self._folder, png)
            self.state = "writing"
        elif self.state == "writing" and self._job is not None and self._job.done:
            job, self._job = self._job, None
            self.state = "idle"
            if job.error is not None:
                self._failed(job.error)
                return
            files = job.result
            self.app.message("Report written",
                             f"The after-action report is in {files.folder}:\n"
                             f"report.md, with its {len(files.charts)} charts and the final map beside it, and "
                             f"report.pdf ({files.pages} pages), ready to print.")

    def _failed(self, exc: BaseException) -> None:
        self.state = "idle"
        if isinstance(exc, OSError):
            self.app.message("The report was not written",
                             f"It could not be written in {self._folder} ({exc.strerror or exc}).")
            return
        log = log_exception(exc)
        self.app.message("The report was not written",
                         f"Something went wrong while writing it ({exc.__class__.__name__}); details in {log}.")
