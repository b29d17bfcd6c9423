"""Settings: windowed/fullscreen, window size, UI scale (with one-click presets for projectors), colour-blind
palette, high contrast, animation speed, sound.

Nothing changes until Apply.  Esc closes an open drop-down list first; leaving (Esc, Back) with choices not yet
applied asks whether to apply them, drop them or stay, rather than losing them without a word.
"""

from __future__ import annotations

import pygame
import pygame_gui
from pygame_gui.elements import UIButton, UIDropDownMenu, UIHorizontalSlider, UILabel, UIWindow

from game.ui.question_window import question_window
from game.ui.screens.base import Screen, close_open_menu
from game.ui.settings import ANIMATION_SPEEDS, SCALE_PRESETS, WINDOW_SIZES

ON_OFF = ("On", "Off")
#: What each setting is called in the question about unapplied changes.
NAMES = {"mode": "Display", "size": "Window size", "scale": "UI scale", "palette": "Colours",
         "contrast": "Contrast", "animation": "Computer moves", "sound": "Sound"}
CONTRASTS = ("Standard", "High (projector)")
#: The question's buttons, in order: (key, label).
ASK_CHOICES = (("apply", "Apply"), ("discard", "Discard"), ("stay", "Stay"))


class SettingsScreen(Screen):
    def __init__(self, app, back_to=None):
        super().__init__(app)
        self.back_to = back_to
        st = app.settings
        self.values = {
            "mode": "Fullscreen" if st.fullscreen else "Window",
            "size": f"{st.width} × {st.height}",
            "scale": st.ui_scale,
            "palette": "Colour-blind safe" if st.colourblind else "Standard",
            "contrast": CONTRASTS[1] if st.high_contrast else CONTRASTS[0],
            "animation": st.animation.capitalize(),
            "sound": "On" if st.sound else "Off",
        }
        self.applied = dict(self.values)          # what the settings are: the values differ once a choice is made
        self.applied_note = ""                    # what the last Apply did, shown beside the button
        self.menus: dict[str, UIDropDownMenu] = {}
        self.ask_window: UIWindow | None = None

    def build(self) -> None:
        w, h = self.app.size
        col = min(self.s(700), w - self.s(48))
        x = (w - col) // 2
        y = self.s(30)
        UILabel(pygame.Rect(x, y, col, self.s(44)), "Settings", self.manager, object_id="@heading")
        # Eight rows between the heading and the bottom buttons: on a small window at a large UI scale (a
        # projector) the rows close up rather than run under the buttons.
        bar_h, bar_gap = self.s(46), self.s(24)
        room = h - bar_h - bar_gap - self.s(12) - (y + self.s(44))
        step = min(self.s(58), room // 8)
        row_h = min(self.s(40), step - 4)
        sizes = [f"{a} × {b}" for a, b in WINDOW_SIZES]
        if self.values["size"] not in sizes:
            sizes.append(self.values["size"])
        rows = [
            ("mode", "Display", ["Window", "Fullscreen"], "Fullscreen uses the whole screen (projectors)."),
            ("size", "Window size", sizes, "The size of the game window."),
            ("palette", "Colours", ["Standard", "Colour-blind safe"],
             "A palette readable with red-green colour blindness; shapes and symbols always differ too."),
            ("contrast", "Contrast", list(CONTRASTS), "White on black with yellow borders, for a projector in a "
                                                       "lit room."),
            ("animation", "Computer moves", [k.capitalize() for k in ANIMATION_SPEEDS],
             "How fast the computer's moves play out on the map."),
            ("sound", "Sound", list(ON_OFF), "Sound effects on or off."),
        ]
        self.menus = {}
        y += self.s(44) - step + self.s(8)
        for key, label, options, tip in rows:
            y += step
            UILabel(pygame.Rect(x, y, col // 2, row_h), label, self.manager)
            self.menus[key] = UIDropDownMenu(options, self.values[key], pygame.Rect(x + col // 2, y, col // 2,
                                                                                  row_h), self.manager)
        y += step
        self.scale_label = UILabel(pygame.Rect(x, y, col // 2, row_h), f"UI scale: {self.values['scale']}%",
                                   self.manager)
        self.slider = UIHorizontalSlider(pygame.Rect(x + col // 2, y, col // 2, row_h), self.values["scale"],
                                         (100, 200), self.manager, click_increment=10)
        y += step
        UILabel(pygame.Rect(x, y, col // 2, row_h), "Presets", self.manager)
        gap = self.s(8)
        bw = (col // 2 - gap * (len(SCALE_PRESETS) - 1)) // len(SCALE_PRESETS)
        self.presets = {}
        for k, pct in enumerate(SCALE_PRESETS):
            b = UIButton(pygame.Rect(x + col // 2 + k * (bw + gap), y, bw, row_h), f"{pct}%", self.manager,
                         tool_tip_text="A laptop's screen." if pct == 100 else "A projector: large type.")
            b.scale_preset = pct
            self.presets[pct] = b
        self.mark_preset()
        self.back = UIButton(pygame.Rect(self.s(24), h - bar_h - bar_gap, self.s(160), bar_h), "Back", self.manager)
        self.apply = UIButton(pygame.Rect(w - self.s(244), h - bar_h - bar_gap, self.s(220), bar_h), "Apply",
                              self.manager, object_id="@big_button")
        # What the last Apply did, beside the button (a play-tester pressed it and could not tell it had worked).
        note = self.applied_note
        if note:
            nw = min(self.s(520), self.apply.rect.x - self.back.rect.right - self.s(24))
            UILabel(pygame.Rect(self.apply.rect.x - nw - self.s(12), h - bar_h - bar_gap, nw, bar_h), note,
                    self.manager)

    def on_ui(self, event) -> None:
        if event.type == pygame_gui.UI_DROP_DOWN_MENU_CHANGED:
            for key, menu in self.menus.items():
                if event.ui_element is menu:
                    self.values[key] = event.text
        elif event.type == pygame_gui.UI_HORIZONTAL_SLIDER_MOVED and event.ui_element is self.slider:
            self.values["scale"] = int(round(self.slider.get_current_value() / 10) * 10)
            self.scale_label.set_text(f"UI scale: {self.values['scale']}%")
            self.mark_preset()
        elif event.type == pygame_gui.UI_BUTTON_PRESSED:
            if event.ui_element is self.apply:
                self.commit()
            elif event.ui_element is self.back:
                self.leave_screen()
            elif getattr(event.ui_element, "ask_key", None):
                self.answer(event.ui_element.ask_key)
            elif getattr(event.ui_element, "scale_preset", None):
                self.values["scale"] = event.ui_element.scale_preset
                self.slider.set_current_value(self.values["scale"])
                self.scale_label.set_text(f"UI scale: {self.values['scale']}%")
                self.mark_preset()

    def mark_preset(self) -> None:
        """The preset button of the scale chosen is lit."""
        for pct, button in self.presets.items():
            (button.select if pct == self.values["scale"] else button.unselect)()

    def commit(self) -> None:
        st = self.app.settings
        st.fullscreen = self.values["mode"] == "Fullscreen"
        a, b = self.values["size"].split(" × ")
        st.width, st.height = int(a), int(b)
        st.ui_scale = int(self.values["scale"])
        st.colourblind = self.values["palette"] != "Standard"
        st.high_contrast = self.values["contrast"] == CONTRASTS[1]
        st.animation = self.values["animation"].lower()
        st.sound = self.values["sound"] == "On"
        st.clamp()
        # One change in full; more, each by name ("... and 1 more" left a play-tester guessing which; the menus
        # show the values).
        changed = self.changes()
        self.applied_note = ("Nothing had changed." if not changed else f"Applied: {changed[0]}" if len(changed) == 1
                             else "Applied: " + ", ".join(NAMES[k] for k in self.changed_keys()) + ".")
        self.applied = dict(self.values)
        self.app.apply_settings()

    def changed_keys(self) -> list[str]:
        """The settings whose choice differs from what is applied, in the screen's order."""
        return [k for k, v in self.values.items() if v != self.applied[k]]

    def changes(self) -> list[str]:
        """The choices made and not applied, in words ("UI scale: 100% to 150%")."""
        unit = {"scale": "%"}
        return [f"{NAMES[k]}: {self.applied[k]}{unit.get(k, '')} to {self.values[k]}{unit.get(k, '')}"
                for k in self.changed_keys()]

    def leave_screen(self) -> None:
        """Back to where the settings were opened from; with choices not applied, ask first."""
        if self.changes():
            self.ask()
        else:
            self.leave_now()

    def ask(self) -> None:
        """The question: apply the changed settings, discard them, or stay on this screen."""
        if self.ask_window is not None and self.ask_window.alive():
            return
        text = "<b>Apply the changed settings?</b><br>" + "<br>".join(self.changes())
        self.ask_window = question_window(self.manager, self.s, self.app.size, (480, 250), "Settings not applied",
                                          text, ASK_CHOICES, "ask_key")

    def answer(self, key: str) -> None:
        """A button of the question: apply and leave, leave without applying, or stay."""
        if self.ask_window is not None:
            self.ask_window.kill()
            self.ask_window = None
        if key == "apply":
            self.commit()
            self.leave_now()
        elif key == "discard":
            self.leave_now()

    def leave_now(self) -> None:
        if self.back_to is not None:
            self.app.show(self.back_to)
        else:
            self.app.go("menu")

    def handle(self, event) -> bool:
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            # Esc undoes the last thing opened: the question, else an open list, else the screen.
            if self.ask_window is not None and self.ask_window.alive():
                self.answer("stay")
            elif not close_open_menu(self.menus.values()):
                self.leave_screen()
            return True
        return False
