"""Load and save: saves listed with scenario, date, turn and seats; autosaves among them.  Beside Load, Replay
steps through a save from its first action (game/ui/screens/replay_loading.py)."""

from __future__ import annotations

import datetime
import functools
import re

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UILabel, UISelectionList, UITextEntryLine, UIWindow

from game.errorlog import log_exception
from game.session.atomicwrite import write_problem
from game.session.autosave import PREFIX as AUTOSAVE_PREFIX
from game.session.savefile import SaveError, load_save, write_save
from game.session.savelist import SaveInfo, Unreadable, list_saves, shown_name
from game.ui.screens.base import Screen

#: The object id of an unreadable file's row: the theme (assets/ui/theme.json) greys it.
BROKEN = "#broken"


@functools.lru_cache(maxsize=32)
def seat_names(scenario_id: str) -> dict[str, str]:
    """The scenario's seats by name (for the list); {} if the scenario cannot be read."""
    from game.session.catalog import load_scenario
    try:
        return {s.id: s.name for s in load_scenario(scenario_id).config.seats}
    except Exception:  # noqa: BLE001 - a list row is never worth a crash; the load itself says what is wrong
        return {}


def broken_row(item: Unreadable) -> str:
    """The greyed row of a file that cannot be loaded: its name and why (the row is cut where the list ends;
    selecting it shows the whole reason)."""
    return f"CANNOT BE LOADED — {item.name}: {item.reason}"


def refusal_text(item: Unreadable, folder) -> str:
    """What the dialog says about a file that cannot be loaded, with advice a player can follow."""
    return (f"{item.name}: {item.reason}.\n\nThe file was left as it is, and every other save in the list loads "
            f"as usual. To take it off the list, move it out of the saves folder:\n{shown_name(folder)}")


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
    label = info.label or shown_name(info.path.stem)
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
        # Every other file stays in the list, greyed, with its reason: it is never why the others cannot load.
        self.broken = {broken_row(b): b for b in broken}
        items += [(row, BROKEN) for row in self.broken]
        if not items:
            items = [("No saves yet. Start a new game; it autosaves at the end of every turn.", "#none")]
        self.list = UISelectionList(pygame.Rect(m, m + self.s(50), w - 2 * m, h - 2 * m - self.s(120)), items,
                                    self.manager)
        self.back = UIButton(pygame.Rect(m, h - m - self.s(46), self.s(160), self.s(46)), "Back", self.manager)
        self.load = UIButton(pygame.Rect(w - m - self.s(220), h - m - self.s(46), self.s(220), self.s(46)),
                             "Load  ›", self.manager, object_id="@big_button")
        self.replay = UIButton(pygame.Rect(w - m - self.s(420), h - m - self.s(46), self.s(190), self.s(46)),
                               "Replay", self.manager, tool_tip_text=(
                                   "Step through the save from its first action, forward and back, with the log and "
                                   "every overlay; branch a new game from any point."))
        # Load and Replay wait for a save to be chosen: a press with none did nothing, without a word.
        self._buttons_ready()
        # The folder in full where it fits; else its last parts after an ellipsis.
        room = w - 2 * m - self.s(620)
        font = self.manager.get_theme().get_font(["label"])
        text = f"Saves folder: {shown_name(self.app.save_dir)}"
        parts = [shown_name(p) for p in self.app.save_dir.parts]
        while font.size(text)[0] > room - self.s(8) and len(parts) > 1:
            parts.pop(0)
            text = "Saves folder: …/" + "/".join(parts)
        if font.size(text)[0] <= room - self.s(8):      # a projector's type on a small window: the buttons first
            UILabel(pygame.Rect(m + self.s(180), h - m - self.s(46), room, self.s(46)), text, self.manager)

    def selected(self):
        sel = self.list.get_single_selection(include_object_id=True)
        if not sel:
            return None
        oid = sel[1]
        if oid.startswith("#save"):
            return self.infos[int(oid[5:])]
        if oid == BROKEN and sel[0] in self.broken:
            self.app.error("This file cannot be loaded", refusal_text(self.broken[sel[0]], self.app.save_dir))
        return None

    def _buttons_ready(self) -> None:
        chosen = self.list.get_single_selection(include_object_id=True)
        ready = bool(chosen) and chosen[1].startswith("#save")
        for button in (self.load, self.replay):
            (button.enable if ready else button.disable)()

    def on_ui(self, event) -> None:
        if event.type in (pygame_gui.UI_SELECTION_LIST_NEW_SELECTION, pygame_gui.UI_SELECTION_LIST_DROPPED_SELECTION):
            self._buttons_ready()
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.back:
                self.app.go("menu")
            elif event.ui_element is self.load:
                self.open()
            elif event.ui_element is self.replay:
                info = self.selected()
                if info is not None:
                    self.app.go("replay", path=info.path)
        elif event.type == pygame_gui.UI_SELECTION_LIST_DOUBLE_CLICKED_SELECTION:
            self.open()

    def open(self) -> None:
        info = self.selected()
        if info is None:
            return
        try:
            match, doc = load_save(info.path)
        except SaveError as exc:
            self.app.error("This save cannot be loaded", refusal_text(Unreadable(info.path, exc.reason),
                                                                      self.app.save_dir))
            return
        except Exception as exc:  # noqa: BLE001 - logged; the player stays on the list, the other saves load
            log = log_exception(exc)
            self.app.error("This save cannot be loaded",
                           refusal_text(Unreadable(info.path, f"an unexpected error ({exc.__class__.__name__}); "
                                                              f"the details were written to {log}"),
                                        self.app.save_dir))
            return
        self.app.go("match", match=match, at_handover=bool(doc.get("handover")))

    def handle(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            self.app.go("menu")
            return True
        return False


def safe_name(text: str) -> str:
    """A file name from a save's name: letters, digits, '_', '.', '-'; never an autosave's name (the autosave
    rotation would delete it) nor a hidden file."""
    name = re.sub(r"[^A-Za-z0-9 _.-]+", "", text).strip().replace(" ", "-").lstrip(".")
    name = name[:60] or "save"
    return f"saved-{name}" if name.lower().startswith(AUTOSAVE_PREFIX) else name


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
        self.kill()
        try:
            write_save(self.match, path, label=label, handover=self.handover)
        except OSError as exc:
            # Said in a window, not a passing note: the player must know the game is not on disk.  on_done is
            # not called, so a "save and leave" stays in the game.
            self.app.message("Not saved", f"Could not save {path.name}: {write_problem(exc)}.\n\nNothing was "
                                          f"overwritten, and the game goes on. Saves folder: {self.app.save_dir}")
            return
        self.on_done(f"Saved: {path.name}")
