"""Load and save: saves listed with scenario, date, turn and seats; autosaves among them."""

from __future__ import annotations

import datetime
import functools
import re

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UISelectionList, UITextEntryLine, UIWindow

from game.session.savefile import SaveError, SaveInfo, load_save, save_info, write_save
from game.ui.screens.base import Screen


def list_saves(folder) -> tuple[list[SaveInfo], list[tuple[str, str]]]:
    """Readable saves (newest first) and unreadable ones as (file name, reason)."""
    infos, broken = [], []
    for path in sorted(folder.glob("*.json")):
        try:
            infos.append(save_info(path))
        except SaveError as exc:
            broken.append((path.name, str(exc)))
    infos.sort(key=lambda i: (i.mtime, i.path.name), reverse=True)
    return infos, broken


@functools.lru_cache(maxsize=32)
def seat_names(scenario_id: str) -> dict[str, str]:
    """The scenario's seats by name (for the list); {} if the scenario cannot be read."""
    from game.session.catalog import load_scenario
    try:
        return {s.id: s.name for s in load_scenario(scenario_id).config.seats}
    except Exception:  # noqa: BLE001 - a list row is never worth a crash; the load itself says what is wrong
        return {}


def describe(info: SaveInfo) -> str:
    """One row of the load list, for people: the save's name (unless it only repeats the date and turn), the
    scenario, the game's date and turn, who plays (sides by name), and when it was saved."""
    names = seat_names(info.scenario_id)
    humans = [names.get(s, s) for s, c in info.seats.items() if c == "human"]
    who = "hot-seat" if len(humans) > 1 else ("solo as " + humans[0] if humans else "computer only")
    when = datetime.datetime.fromtimestamp(info.mtime).strftime("%d %b %H:%M")
    autosave = info.path.name.startswith("autosave-")
    try:
        date = datetime.date.fromisoformat(info.date).strftime("%d %B %Y")
    except ValueError:
        date = info.date
    label = info.label or info.path.stem
    # The default names ("tutorial 1950-10-01 turn 1", "Autosave, turn 3") say nothing the row does not.
    plain_label = autosave or info.date in label
    head = "AUTOSAVE" if autosave else ("" if plain_label else label)
    hand = " · at hand-over" if info.handover else ""
    row = f"{info.title} · {date} · turn {info.turn} · {who}{hand}  (saved {when})"
    return f"{head} — {row}" if head else row


class LoadScreen(Screen):
    def __init__(self, app):
        super().__init__(app)
        self.infos: list[SaveInfo] = []

    def build(self) -> None:
        w, h = self.app.size
        m = self.s(24)
        UILabel(pygame.Rect(m, m, w - 2 * m, self.s(40)), "Load a game", self.manager, object_id="@heading")
        self.infos, broken = list_saves(self.app.save_dir)
        items = [(describe(i), f"#save{k}") for k, i in enumerate(self.infos)]
        items += [(f"DAMAGED  {name} — cannot be loaded", f"#broken{k}") for k, (name, _) in enumerate(broken)]
        self.broken = broken
        if not items:
            items = [("No saves yet. Start a new game; it autosaves at the end of every turn.", "#none")]
        self.list = UISelectionList(pygame.Rect(m, m + self.s(50), w - 2 * m, h - 2 * m - self.s(120)), items,
                                    self.manager)
        self.back = UIButton(pygame.Rect(m, h - m - self.s(46), self.s(160), self.s(46)), "Back", self.manager)
        self.load = UIButton(pygame.Rect(w - m - self.s(220), h - m - self.s(46), self.s(220), self.s(46)),
                             "Load  ›", self.manager, object_id="@big_button")
        # The folder in full where it fits; else its last parts after an ellipsis.
        room = w - 2 * m - self.s(420)
        font = self.manager.get_theme().get_font(["label"])
        text = f"Saves folder: {self.app.save_dir}"
        parts = list(self.app.save_dir.parts)
        while font.size(text)[0] > room - self.s(8) and len(parts) > 1:
            parts.pop(0)
            text = "Saves folder: …/" + "/".join(parts)
        UILabel(pygame.Rect(m + self.s(180), h - m - self.s(46), room, self.s(46)), text, self.manager)

    def selected(self):
        sel = self.list.get_single_selection(include_object_id=True)
        if not sel:
            return None
        oid = sel[1]
        if oid.startswith("#save"):
            return self.infos[int(oid[5:])]
        if oid.startswith("#broken"):
            name, reason = self.broken[int(oid[7:])]
            self.app.error("This save cannot be loaded", reason)
        return None

    def on_ui(self, event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                self.app.go("menu")
            elif event.ui_element is self.load:
                self.open()
        elif event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
            self.open()

    def open(self) -> None:
        info = self.selected()
        if info is None:
            return
        try:
            match, doc = load_save(info.path)
        except SaveError as exc:
            self.app.error("This save cannot be loaded", str(exc))
            return
        self.app.go("match", match=match, at_handover=bool(doc.get("handover")))

    def handle(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.go("menu")
            return True
        return False


def safe_name(text: str) -> str:
    name = re.sub(r"[^A-Za-z0-9 _.-]+", "", text).strip().replace(" ", "-")
    return name[:60] or "save"


class SaveDialog(UIWindow):
    """A small window asking for a name; saves on OK."""

    def __init__(self, app, match, handover: bool, on_done):
        w, h = app.s(520), app.s(200)
        rect = pygame.Rect((app.size[0] - w) // 2, (app.size[1] - h) // 2, w, h)
        super().__init__(rect, app.manager, window_display_title="Save the game", resizable=False)
        self.app, self.match, self.handover, self.on_done = app, match, handover, on_done
        s = match.view(match.active_seat)       # the date and turn are public
        self.entry = UITextEntryLine(pygame.Rect(app.s(12), app.s(12), w - app.s(60), app.s(40)), app.manager,
                                     container=self)
        self.entry.set_text(f"{match.scenario_id} {s.date:%Y-%m-%d} turn {s.turn}")
        self.entry.focus()                      # typing goes to the name, never to the map behind
        app.manager.set_focus_set(self.entry)
        self.ok = UIButton(pygame.Rect(w - app.s(170), app.s(70), app.s(120), app.s(40)), "Save", app.manager,
                           container=self)

    def process_event(self, event) -> bool:
        used = super().process_event(event)
        if event.type == pygame_gui.UI_BUTTON_PRESSED and event.ui_element is self.ok:
            self.commit()
            return True
        if event.type == pygame_gui.UI_TEXT_ENTRY_FINISHED and event.ui_element is self.entry:
            self.commit()
            return True
        return used

    def commit(self) -> None:
        label = self.entry.get_text().strip() or "Saved game"
        path = self.app.save_dir / f"{safe_name(label)}.json"
        try:
            write_save(self.match, path, label=label, handover=self.handover)
            self.on_done(f"Saved: {path.name}")
        except OSError as exc:
            self.on_done(f"Could not save: {exc}")
        self.kill()
