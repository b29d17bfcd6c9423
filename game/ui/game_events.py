"""The game screen's routing of what the player does outside the map's own input: its buttons, the links in its
texts and its keys (Space, Ctrl+Z, Ctrl+S, Esc, Tab, F1, F2 and the overlay letters); a dialog open over the map
takes the keyboard.

A mixin of GameScreen (game/ui/screens/game_screen.py): it calls the screen's own actions (end_phase, undo, save,
the windows of game/ui/game_windows.py, the overlays' toggle) and reads its buttons and boxes.
"""

from __future__ import annotations

import pygame
import pygame_gui


class GameEvents:
    """Buttons, links and keys to the game screen's actions."""

    def on_ui(self, event) -> None:
        if event.type == pygame_gui.UI_BUTTON_PRESSED:
            # The top bar's buttons, by their keys in self.buttons.
            bar = {"end": self.end_phase, "undo": self.undo, "save": self.save, "menu": self.open_menu,
                   "help": self.show_help, "overlays": self.show_overlay_menu}
            pressed = next((key for key, button in self.buttons.items()
                            if button is event.ui_element and key in bar), None)
            if pressed is not None:
                bar[pressed]()
            elif event.ui_element is self.attack_button:
                self.commit_attack()
            elif self.decisions_button is not None and event.ui_element is self.decisions_button:
                self.show_decisions()
            elif getattr(event.ui_element, "decision_id", None):
                self.decide(event.ui_element.decision_id)
            elif getattr(event.ui_element, "continue_phase", False):
                self.end_phase()
            elif getattr(event.ui_element, "overlay_key", None):
                key = event.ui_element.overlay_key
                self.toggle(key)
                self.mark_overlay(event.ui_element)
            elif getattr(event.ui_element, "menu_key", None):
                self.menu_choice(event.ui_element.menu_key)
            elif getattr(event.ui_element, "leave_key", None):
                self.leave_choice(event.ui_element.leave_key)
            elif getattr(event.ui_element, "lesson_key", None):
                self.lessons.press(event.ui_element.lesson_key)
            elif getattr(event.ui_element, "rules_page", None) is not None:
                self.show_rules(event.ui_element.rules_page)
        elif event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED and str(event.link_target).startswith("idea:"):
            self.show_glossary(str(event.link_target)[5:])
        elif event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED and str(event.link_target) == "rules:":
            self.show_rules()
        elif event.type == pygame_gui.UI_TEXT_BOX_LINK_CLICKED and event.ui_element is self.info:
            if event.link_target in self.view.units:
                self.selected = event.link_target
                self.update_overlays()
                self.update_action_box()

    def open_windows(self) -> list:
        """Dialogs and windows open over the map (help, menu, save, messages...), topmost last."""
        stack = self.manager.get_window_stack()
        return [w for w in stack.get_full_stack() if w.alive()]

    def handle(self, event) -> bool:
        windows = self.open_windows()
        if windows and event.type == pygame.KEYDOWN:
            # A dialog is modal for the keyboard: Esc closes it, other keys never reach the map.
            if event.key == pygame.K_ESCAPE:
                windows[-1].kill()
            return True
        if windows and event.type in (pygame.MOUSEWHEEL, pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
            # ... and the mouse over one is the window's: a wheel turned to scroll a briefing zoomed the map behind
            # it until the map was gone (a play-tester's teacher).
            pos = getattr(event, "pos", None) or pygame.mouse.get_pos()
            if any(w.rect.collidepoint(pos) for w in windows):
                return True
        if self.tooltip is not None and event.type in (pygame.KEYDOWN, pygame.MOUSEWHEEL, pygame.MOUSEBUTTONDOWN):
            self.tooltip.kill()
            self.tooltip = None
        if (event.type == pygame.MOUSEBUTTONDOWN and getattr(self, "lessons", None) is not None
                and self.lessons.covers(event.pos)):
            return True                     # a click on the tutorial's text is not a click on the hex under it
        if self.mapview.handle_event(event):
            if event.type == pygame.MOUSEMOTION:
                self.hover_changed()
            return True
        if event.type == pygame.MOUSEMOTION and self.map_rect.collidepoint(event.pos):
            self.hover_changed()
        if event.type != pygame.KEYDOWN:
            return False
        ctrl = event.mod & (pygame.KMOD_CTRL | pygame.KMOD_META)
        key = event.key
        if key == pygame.K_SPACE and self.computer_playing():
            self.hurry = True                 # the rest of the computer's turn without animation
            self.mapview.motion.skip()
        elif key == pygame.K_SPACE:
            if self.space_guard_left <= 0.0:
                self.end_phase()
        elif key == pygame.K_z and ctrl:
            self.undo()
        elif key == pygame.K_s and ctrl:
            self.save()
        elif key == pygame.K_ESCAPE:
            if self.selected or self.target:
                self.selected, self.attackers, self.target = None, [], None
                self.update_overlays()
                self.update_action_box()
            else:
                self.open_menu()
        elif key == pygame.K_TAB:
            self.cycle_units()
        elif key == pygame.K_F1 or event.unicode == "?":
            self.show_help()
        elif key == pygame.K_F2:
            self.show_rules()
        elif key == pygame.K_m and not ctrl:
            self.toggle("minimap")
        elif key in (pygame.K_z, pygame.K_u, pygame.K_f, pygame.K_h, pygame.K_p) and not ctrl:
            self.toggle({pygame.K_z: "zoc", pygame.K_u: "supply", pygame.K_f: "front", pygame.K_h: "history",
                         pygame.K_p: "plans"}[key])
        else:
            return False
        return True
