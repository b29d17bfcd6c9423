"""Scenario choice: the list, and for the chosen one its title, dates, briefing, teaching notes and a map preview.

The same screen opens a game (New game) and a class (Classroom: ``classroom=True``, then the class's set-up).

The list is as wide as its titles need, up to two fifths of the window; a title still too wide for it at a large
UI scale (a projector) is shown short -- without its dates ("The Pusan Perimeter"), else cut with an ellipsis --
and whole as the heading of the details beside it.
"""

from __future__ import annotations

import html

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIImage, UILabel, UISelectionList, UITextBox

from game.session.catalog import ScenarioError, load_scenario, scenario_ids
from game.ui.screens.base import Screen


def short_title(title: str, fits) -> str:
    """``title`` if ``fits(title)``; else without its trailing dates ("The Pusan Perimeter, August-September 1950"
    -> "The Pusan Perimeter") if that fits; else as many whole words as fit, with an ellipsis."""
    if fits(title):
        return title
    head, sep, tail = title.rpartition(", ")
    if sep and any(ch.isdigit() for ch in tail) and fits(head):
        return head
    words = (head if sep and any(ch.isdigit() for ch in tail) else title).split()
    while len(words) > 1 and not fits(" ".join(words) + "…"):
        words.pop()
    return " ".join(words).rstrip(",:;") + "…"


def paragraphs_html(text: str) -> str:
    """Escape for the text box; blank lines are paragraphs, single line breaks are folded (YAML blocks)."""
    paragraphs = [" ".join(p.split()) for p in str(text).split("\n\n")]
    return "<br><br>".join(html.escape(p) for p in paragraphs if p)


def class_html(scenario) -> list[str]:
    """What a class gets from the scenario: the key events it stops at, and the what-ifs it offers."""
    from game.session.teaching import pauses_of, what_ifs_of
    pauses, whatifs = pauses_of(scenario), what_ifs_of(scenario)
    out = ["", f"<b>In class</b>: the demonstration stops at {len(pauses)} key event{'s' if len(pauses) != 1 else ''}"
               " with a question for discussion" + (", and offers these what-ifs:" if whatifs else ".")]
    return out + [f"• {html.escape(w.title)}" for w in whatifs]


class ScenarioChoice(Screen):
    def __init__(self, app, classroom: bool = False):
        super().__init__(app)
        self.classroom = classroom
        self.loaded: dict[str, object] = {}
        self.errors: dict[str, ScenarioError] = {}
        # The tutorial first, then the scenarios in the order of the war (broken ones last).
        self.ids = sorted(scenario_ids(), key=self._order)
        self.chosen: str | None = self.ids[0] if self.ids else None

    def _order(self, sid: str):
        sc = self.scenario(sid)
        start = sc.config.calendar.first.isoformat() if sc else "9999"
        return (sid != "tutorial", start, sid)

    def scenario(self, sid: str):
        if sid not in self.loaded and sid not in self.errors:
            try:
                self.loaded[sid] = load_scenario(sid)
            except ScenarioError as exc:
                self.errors[sid] = exc
        return self.loaded.get(sid)

    def build(self) -> None:
        w, h = self.app.size
        m = self.s(24)
        heading = "Classroom: choose a scenario to show" if self.classroom else "Choose a scenario"
        UILabel(pygame.Rect(m, m, w - 2 * m, self.s(40)), heading, self.manager, object_id="@heading")
        titles = []
        for sid in self.ids:
            sc = self.scenario(sid)
            titles.append(sc.title if sc else f"{sid} (has errors)")
        # As wide as the widest title (its padding and the scroll bar beside), within a quarter to two fifths of the
        # window: at 200% on a small window the titles shorten rather than the details pane becoming a column of words.
        font = self.manager.get_theme().get_font(["selection_list"])
        room = self.s(44)                                  # item padding, the list's border and its scroll bar
        need = max((font.size(t)[0] for t in titles), default=0) + room
        list_w = max(min(self.s(420), w // 4), min(need, int(w * 0.4)))
        top = m + self.s(50)
        bottom = h - m - self.s(60)
        labels = [(short_title(t, lambda text: font.size(text)[0] + room <= list_w), sid)
                  for t, sid in zip(titles, self.ids)]
        self.list = UISelectionList(pygame.Rect(m, top, list_w, bottom - top), labels, self.manager,
                                    default_selection=next((lab for lab in labels if lab[1] == self.chosen), None))
        x = m + list_w + m
        rest = w - x - m
        # The map preview gives way to the text: the briefing keeps a readable width (some 30 words a line) at a
        # large UI scale, and on a small window at a projector's scale the preview goes.
        preview_w = min(self.s(360), rest // 2, rest - m - self.s(400))
        if preview_w < self.s(120):
            preview_w = 0
        text_w = rest - (preview_w + m if preview_w else 0)
        self.text = UITextBox("", pygame.Rect(x, top, text_w, bottom - top), self.manager)
        self.preview_rect = pygame.Rect(w - m - preview_w, top, preview_w, bottom - top)
        self.preview: UIImage | None = None
        self.back = UIButton(pygame.Rect(m, h - m - self.s(46), self.s(160), self.s(46)), "Back", self.manager)
        self.next = UIButton(pygame.Rect(w - m - self.s(220), h - m - self.s(46), self.s(220), self.s(46)),
                             "Set up the class  ›" if self.classroom else "Choose sides  ›", self.manager,
                             object_id="@big_button",
                             tool_tip_text="How the computer plays each side." if self.classroom else
                             "Set each side to a human player or the computer.")
        self.show_chosen()

    def show_chosen(self) -> None:
        sid = self.chosen
        if sid is None:
            self.text.set_text("No scenarios were found in the scenarios folder.")
            self.next.disable()
            return
        sc = self.scenario(sid)
        if sc is None:
            problems = self.errors[sid].problems
            self.text.set_text("<b>This scenario has errors and cannot be played:</b><br>"
                               + "<br>".join(paragraphs_html(p) for p in problems[:30]))
            self.next.disable()
            return
        self.next.enable()
        dates = sc.config.calendar.turn_dates()
        # The title is a heading above the body text at every UI scale (a <font size> is fixed in pixels).
        parts = [f"<font pixel_size={self.s(20)}><b>{paragraphs_html(sc.title)}</b></font>",
                 f"<i>{dates[0]:%d %B %Y} – {dates[-1]:%d %B %Y}, {len(dates)} turns</i>", "",
                 paragraphs_html(sc.description)]
        if self.classroom:
            parts += class_html(sc)             # what a class gets, before the briefing's length
        parts += ["", "<b>Briefing</b>", paragraphs_html(sc.briefing)]
        teaching = sc.teaching or {}
        for key, title in (("learning_goals", "Learning goals"), ("ideas", "Ideas shown"),
                           ("questions", "Questions for discussion")):
            items = teaching.get(key) or []
            if items:
                parts += ["", f"<b>{title}</b>"] + [f"• {paragraphs_html(i)}" for i in items]
        seats = ", ".join(s.name for s in sc.config.seats)
        parts += ["", f"<b>Sides</b>: {paragraphs_html(seats)}"]
        self.text.set_text("<br>".join(parts))
        if self.preview:
            self.preview.kill()
            self.preview = None
        if not self.preview_rect.width:
            return
        try:
            from game.ui.preview import scenario_preview
            img = scenario_preview(sc, self.preview_rect.size)
            r = img.get_rect(center=self.preview_rect.center)
            self.preview = UIImage(r, img, self.manager)
        except Exception:  # noqa: BLE001 - a preview is a nicety
            self.preview = None

    def on_ui(self, event) -> None:
        if event.type == pygame_gui.UI_SELECTION_LIST_NEW_SELECTION and event.ui_element is self.list:
            label = self.list.get_single_selection(include_object_id=True)
            sid = label[1] if isinstance(label, tuple) else next(
                (i for i in self.ids if (self.scenario(i) and self.scenario(i).title == label) or
                 f"{i} (has errors)" == label), None)
            if sid:
                self.chosen = sid
                self.show_chosen()
                if sid in self.errors:
                    self.app.error("This scenario cannot be played", [str(p) for p in self.errors[sid].problems[:20]])
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                self.app.go("menu")
            elif event.ui_element is self.next and self.chosen and self.scenario(self.chosen):
                self.app.go("seat_setup", scenario=self.scenario(self.chosen), classroom=self.classroom)

    def handle(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.go("menu")
            return True
        return False
