"""The what-if study: a scenario played many times under two what-ifs, A and B, and the two compared (issue 12 §5).

The left column chooses: the scenario, the runs of each what-if, and for A and for B one decision and what the
computer does with it (always, never, or as it decides), or one of the scenario's classroom presets when it has
any.  Run plays them behind the window (game/ui/study_run.py: a process a core, every seat the computer, the same
seeds for A and B) with a progress bar -- runs done of all, runs a second, time left -- and Cancel.  The right
shows the result: how the wars ended with 95% intervals (China's entry and general war among them), when the
armistice came, and where the line fell under A and under B (the heat maps, drawn in this thread when the study
ends, as pygame's text must be), with the numbers in words beside them.  Export writes it all into the save
folder's ``reports`` (game/ui/study_export.py) and says where.
"""

from __future__ import annotations

import os

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIDropDownMenu, UILabel, UITextBox

from game.errorlog import log_exception
from game.session.catalog import ScenarioError, load_scenario, scenario_ids
from game.ui.background import Job
from game.ui.screens.base import Screen, close_open_menu
from game.ui.study_choices import RULES, RUN_CHOICES, WhatIf, decision_options, presets, what_if_for
from game.ui.study_export import draw_heatmaps, folder_for, png_bytes, write_study
from game.ui.study_run import StudyRun
from game.ui.study_view import Results, draw_progress, words_html

DRAWING = "Drawing the maps…"
NO_PRESET = "Choose a preset what-if…"
NO_DECISION = "Choose a decision…"
#: The rule drop-down's words, under the decision.
RULE_WORDS = {"": "as the computer decides", "always": "always taken", "never": "never taken"}
HELP = ("<b>What would change if…?</b><br>Pick a scenario and how many times to play it. What-if A and "
        "what-if B each bind one decision: the computer takes it always, never, or as it sees fit. Every side "
        "is played by the computer, and run 1 of A starts exactly like run 1 of B, so the what-if is the only "
        "difference.<br><br>Press <b>Run the study</b>. Short scenarios take about a second a run on each core.")


def _short(title: str, limit: int = 44) -> str:
    """A scenario's title without its dates when it is long ("The Pusan Perimeter")."""
    head, sep, tail = title.rpartition(", ")
    return head if len(title) > limit and sep and any(c.isdigit() for c in tail) else title


class StudyScreen(Screen):
    def __init__(self, app, scenario: str | None = None, runs: int | None = None, turns: int | None = None):
        super().__init__(app)
        self.scenarios = {}
        for sid in scenario_ids():
            try:
                self.scenarios[sid] = load_scenario(sid)
            except ScenarioError:
                continue                     # a broken scenario is not offered (the scenario list says why)
        order = sorted(self.scenarios, key=lambda s: (s != "tutorial", self.scenarios[s].config.calendar.first, s))
        self.order = order
        self.sid = scenario if scenario in self.scenarios else (order[0] if order else None)
        self.runs = runs or RUN_CHOICES[0]
        self.turns = turns
        self.sides: list[dict] = []
        self._default_sides()
        self.run: StudyRun | None = None
        self.result = None
        self.heat: tuple[pygame.Surface, pygame.Surface] | None = None
        self.outcome_surf: pygame.Surface | None = None
        self.hist_surf: pygame.Surface | None = None
        self.what_ifs: tuple[WhatIf, WhatIf] | None = None      # those of the results shown
        self.studied = None                                       # (scenario, turns) of the results shown
        self.export_job: Job | None = None
        self.exported: list | None = None
        self.status = ""
        self.menus: list[UIDropDownMenu] = []
        self.page = "choose"                 # on a small window at a large scale: "choose" or "results"
        self.wide = True

    # -- choices ----------------------------------------------------------------------------------------
    @property
    def scenario(self):
        return self.scenarios.get(self.sid) if self.sid else None

    def _default_sides(self) -> None:
        """A: the computer decides everything (the baseline); B: the first preset, else the first decision never."""
        sc = self.scenario
        first = presets(sc)[:1] if sc else []
        options = decision_options(sc) if sc else []
        b = {"preset": first[0].title, "decision": None, "rule": ""} if first else \
            {"preset": None, "decision": options[0][1] if options else None, "rule": "never" if options else ""}
        self.sides = [{"preset": None, "decision": options[0][1] if options else None, "rule": ""}, b]

    def what_if(self, k: int) -> WhatIf:
        side, sc = self.sides[k], self.scenario
        if side["preset"]:
            found = next((p for p in presets(sc) if p.title == side["preset"]), None)
            if found:
                return found
        return what_if_for(side["decision"], side["rule"], decision_options(sc))

    # -- layout -----------------------------------------------------------------------------------------
    def build(self) -> None:
        """Side by side where the window has room (the choices left, the results right); on a small window at a
        projector's scale, one page at a time, with a button to go between them."""
        w, h = self.app.size
        s, m = self.s, self.s(24)
        bar_h = s(46)
        self.wide = w - s(460) - 3 * m >= s(620) and h >= s(620)
        if self.wide or self.result is None:
            self.page = "choose"
        col = s(460) if self.wide else min(w - 2 * m, s(640))
        x = m if self.wide else (w - col) // 2
        area = pygame.Rect(x + col + m, m, w - x - col - 2 * m, h - 2 * m) if self.wide else \
            pygame.Rect(m, m, w - 2 * m, h - 3 * m - bar_h)
        self.results = Results.layout(area, s)
        self.menus, self.side_menus, self.words = [], [], None
        self.run_button = self.cancel_button = self.export_button = self.page_button = None
        self.progress_rect = None
        self.back = UIButton(pygame.Rect(x if self.wide else m, h - m - bar_h, s(140), bar_h), "Back", self.manager)
        right = x + col if self.wide else w - m
        if self.wide or self.page == "results":
            self.export_button = UIButton(pygame.Rect(right - s(200), h - m - bar_h, s(200), bar_h), "Export",
                                          self.manager, tool_tip_text="Write the comparison, its charts and the "
                                                                      "maps into a folder beside the saves.")
            self.words = UITextBox("", self.results.words, self.manager)
        if not self.wide:
            to_results = self.page == "choose"
            self.page_button = UIButton(pygame.Rect(right - s(440) if not to_results else right - s(220),
                                                    h - m - bar_h, s(220), bar_h),
                                        "Results  ›" if to_results else "‹  The study", self.manager)
            if to_results and self.result is None:
                self.page_button.disable()
        if self.page == "choose":
            self._build_choices(x, col, h - m - bar_h - s(12))
        self.refresh()

    def _build_choices(self, x: int, col: int, bottom: int) -> None:
        s, m = self.s, self.s(24)
        font = self.manager.get_theme().get_font(["label"])
        sc = self.scenario
        options = decision_options(sc) if sc else []
        offered = presets(sc) if sc else []
        bar_h = s(46)
        lab = max(font.size(t)[0] for t in ("Scenario", "Runs", "A", "B")) + s(14)
        rule_w = min(col - lab, max(font.size(t)[0] for t in RULE_WORDS.values()) + s(40))
        # The rule beside the decision where both keep a readable width (a wide page), else under it.
        beside = rule_w + s(6) if col - lab - rule_w >= s(260) else 0
        rows = (6 if not beside else 4) + (2 if offered else 0)
        least = font.size("Ay")[1] + s(10)
        top = m + s(48)
        if top + rows * least + 2 * bar_h + s(20) > bottom:
            top = m                     # a short window at a projector's scale: the controls before the heading
        else:
            UILabel(pygame.Rect(x, m, col, s(40)), "What-if study", self.manager, object_id="@heading")
        # The rows close up on a short window at a large scale; the help below them goes first.
        step = max(least, min(s(46), (bottom - top - 2 * bar_h - s(40)) // rows))
        row_h = step - s(6)
        y = top
        titles = [_short(self.scenarios[i].title) for i in self.order]
        self.ids_by_title = dict(zip(titles, self.order))
        UILabel(pygame.Rect(x, y, lab, row_h), "Scenario", self.manager)
        self.scenario_menu = self._menu(titles or ["(no scenario)"], _short(sc.title) if sc else "(no scenario)",
                                        pygame.Rect(x + lab, y, col - lab, row_h))
        y += step
        UILabel(pygame.Rect(x, y, lab, row_h), "Runs", self.manager)
        runs = [f"{n} runs of each" for n in RUN_CHOICES]
        if self.runs not in RUN_CHOICES:
            runs.insert(0, f"{self.runs} runs of each")
        self.runs_menu = self._menu(runs, f"{self.runs} runs of each", pygame.Rect(x + lab, y, col - lab, row_h))
        for k, name in enumerate("AB"):
            y += step
            side, menus = self.sides[k], {}
            label = UILabel(pygame.Rect(x, y, lab, row_h), name, self.manager)
            # (A bare letter says little, and the help box that explains it is scrolled on a short window.)
            label.set_tooltip(f"What-if {name}: a preset, or one decision and whether the computer always takes it, "
                              "never does, or decides as it plays. Each run of A starts from the same dice as the "
                              "run of B beside it.")
            if offered:
                menus["preset"] = self._menu([NO_PRESET] + [p.title for p in offered], side["preset"] or NO_PRESET,
                                             pygame.Rect(x + lab, y, col - lab, row_h))
            if offered:
                y += step
            labels = [lab_ for lab_, _d in options] or [NO_DECISION]
            decision, rule = side["decision"], side["rule"]
            if side["preset"]:
                # The greyed row under a preset says what it does (its first policy), not a choice left behind.
                decision, rule = _first_policy(next((p for p in offered if p.title == side["preset"]), None), options)
            chosen = next((lab_ for lab_, d in options if d == decision), labels[0])
            menus["decision"] = self._menu(labels, chosen, pygame.Rect(x + lab, y, col - lab - beside, row_h))
            y += 0 if beside else step
            menus["rule"] = self._menu([RULE_WORDS[r] for _l, r in RULES], RULE_WORDS[rule],
                                       pygame.Rect(x + col - rule_w if beside else x + lab, y, rule_w, row_h))
            if side["preset"]:
                menus["decision"].disable()
                menus["rule"].disable()
            self.side_menus.append(menus)
        y += step + s(4)
        half = (col - s(10)) // 2
        self.run_button = UIButton(pygame.Rect(x, y, half, bar_h), "Run the study", self.manager,
                                   object_id="@big_button",
                                   tool_tip_text="Play A and B, each the chosen number of times.")
        self.cancel_button = UIButton(pygame.Rect(x + half + s(10), y, half, bar_h), "Cancel", self.manager,
                                      tool_tip_text="Stop the study; nothing of it is kept.")
        y += bar_h + s(8)
        self.progress_rect = pygame.Rect(x, y, col, max(s(30), font.size("Ay")[1] + s(8)))
        y = self.progress_rect.bottom + s(8)
        if bottom - y >= s(80):
            UITextBox(HELP, pygame.Rect(x, y, col, bottom - y), self.manager)

    def _menu(self, options: list[str], chosen: str, rect: pygame.Rect) -> UIDropDownMenu:
        menu = UIDropDownMenu(options, chosen if chosen in options else options[0], rect, self.manager)
        self.menus.append(menu)
        return menu

    def refresh(self) -> None:
        """Buttons and texts for the state: running, with results, or choosing."""
        running = self.run is not None and self.run.state == "running"
        for menu in self.menus:
            if running:
                menu.disable()
        a, b = self.what_if(0), self.what_if(1)
        same = self.scenario is not None and a.policies == b.policies
        if self.run_button is not None and (running or self.scenario is None or same):
            self.run_button.disable()
        if self.cancel_button is not None and not running:
            self.cancel_button.disable()
        if self.export_button is not None and (self.heat is None or self.export_job is not None):
            self.export_button.disable()
        if same and not running:
            self.status = "A and B are the same what-if: change one of them to compare."
        if self.words is not None:
            title = _short(self.studied[0].title) if self.studied else ""
            names = {seat.id: seat.name for seat in self.studied[0].config.seats} if self.studied else {}
            self.words.set_text(words_html(self.result, self.what_ifs, self.status, title, names))

    # -- events -----------------------------------------------------------------------------------------
    def on_ui(self, event) -> None:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            self.choose(event.ui_element, event.text)
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.run_button:
                self.start()
            elif event.ui_element is self.cancel_button and self.run is not None:
                self.run.cancel()
                self.status = "Stopping…"
            elif event.ui_element is self.export_button:
                self.export()
            elif event.ui_element is self.back:
                self.app.go("menu")
            elif event.ui_element is self.page_button:
                self.page = "results" if self.page == "choose" else "choose"
                self.app.rebuild()

    def choose(self, menu, text: str) -> None:
        if menu is self.scenario_menu:
            self.sid = self.ids_by_title.get(text, self.sid)
            self._default_sides()
        elif menu is self.runs_menu:
            self.runs = int(text.split()[0])
        for k, menus in enumerate(self.side_menus):
            side = self.sides[k]
            if menu is menus.get("preset"):
                side["preset"] = None if text == NO_PRESET else text
            elif menu is menus["decision"]:
                side["decision"] = next((d for lab, d in decision_options(self.scenario) if lab == text), None)
            elif menu is menus["rule"]:
                side["rule"] = next((r for r, words in RULE_WORDS.items() if words == text), "")
        self.status = ""
        self.app.rebuild()

    def start(self) -> None:
        a, b = self.what_if(0), self.what_if(1)
        jobs = max(1, min(os.cpu_count() or 1, self.runs))
        sizes = (self.results.outcome.size, self.results.histogram.size)
        try:
            self.run = StudyRun(self.scenario, self.runs, a, b, jobs, sizes, self.app.scale, self.turns,
                                high_contrast=self.app.settings.high_contrast)
        except ValueError as exc:                        # a preset the scenario cannot apply (PolicyError)
            self.app.message("This what-if cannot be studied", str(exc))
            return
        # The last study's results stay on screen until this one is done (a cancelled study keeps them).
        self.status = f"Playing on {jobs} processes…"
        self.app.rebuild()

    def update(self, dt: float) -> None:
        if self.run is not None:
            state = self.run.poll()
            if state == "done" and self.status != DRAWING:
                self.status = DRAWING          # shown for a frame: the maps hold the window for a second
            elif state != "running":
                self.finish(state)
        if self.export_job is not None and self.export_job.done:
            self.exported_done()

    def finish(self, state: str) -> None:
        run, self.run = self.run, None
        if state == "done":
            result = run.result
            self.status = ""
            self.studied, self.what_ifs, self.exported = (run.scenario, run.turns), run.what_ifs, None
            self.heat = None                   # never the last study's maps under this one's numbers
            try:
                self.heat = draw_heatmaps(run.scenario, result, self.what_ifs)
            except Exception as exc:  # noqa: BLE001 - a player never sees a traceback
                self.status = f"The maps could not be drawn ({exc.__class__.__name__}); details in " \
                              f"{log_exception(exc)}."
            self.result = result
            self.outcome_surf = pygame.image.frombuffer(*result.outcomes, "RGBA").copy()
            self.hist_surf = pygame.image.frombuffer(*result.histogram, "RGBA").copy()
            if self.heat is not None:
                self.status = f"Done: {run.total} runs in {result.seconds:.0f} s."
            self.page = "results"
        elif state == "cancelled":
            self.status = f"Stopped after {run.done} of {run.total} runs; nothing of it was kept."
        else:
            self.status = run.problem or "The study stopped."
        self.app.rebuild()

    def export(self) -> None:
        if self.result is None or self.heat is None or self.export_job is not None:
            return
        a, b = self.what_ifs
        scenario, turns = self.studied
        self.export_folder = folder_for(self.app.save_dir, scenario.id, a, b)
        pngs = (png_bytes(self.heat[0]), png_bytes(self.heat[1]))
        self.export_job = Job(write_study, self.export_folder, scenario, self.result, self.what_ifs, turns, pngs)
        self.status = "Writing the comparison…"
        self.refresh()

    def exported_done(self) -> None:
        job, self.export_job = self.export_job, None
        folder = self.export_folder
        if job.error is None:
            self.exported, self.status = job.result, "Exported."
            title, text = "Study exported", (f"The comparison is in {folder}:\nsummary.md, with the chart of "
                                             "outcomes, the armistice dates and the two heat maps beside it.")
        elif isinstance(job.error, OSError):
            self.status, title = "Not exported.", "The study was not exported"
            text = f"It could not be written in {folder} ({getattr(job.error, 'strerror', None) or job.error})."
        else:
            self.status, title = "Not exported.", "The study was not exported"
            text = f"Something went wrong ({job.error.__class__.__name__}); details in {log_exception(job.error)}."
        self.app.rebuild()                    # first: a rebuild closes any message
        self.app.message(title, text)

    def handle(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            if not close_open_menu(self.menus):
                self.app.go("menu")
            return True
        return False

    def leave(self) -> None:
        if self.run is not None:
            self.run.cancel()          # the pool stops; its thread ends on its own

    # -- pictures ---------------------------------------------------------------------------------------
    def draw(self, surface: pygame.Surface) -> None:
        surface.fill((24, 23, 20))
        if self.progress_rect is not None:
            draw_progress(surface, self.progress_rect, self.run if self.status != DRAWING else None, self.status,
                          self.s)
        if self.wide or self.page == "results":
            self.results.draw(surface, (self.outcome_surf, self.hist_surf), self.heat, self.s)


def _first_policy(preset: WhatIf | None, options: list[tuple[str, str]]) -> tuple[str | None, str]:
    """(the "seat.id" of a preset's first policy among ``options``, its rule as the rule menu has it)."""
    if preset is None or not preset.policies:
        return None, ""
    name, _, rule = preset.policies[0].partition("=")
    name = name.strip()
    decision = next((d for _l, d in options if d == name or d.endswith("." + name)), None)
    return decision, rule.strip() if rule.strip() in {r for _l, r in RULES} else ""
