"""The game screen's map overlays: a selected unit's reach, the attack targets, zones of control, supply, the
front line, the historical front, the DMZ and the computer's plans; and switching them on and off.

A mixin of GameScreen (it reads the screen's ``mapview``, ``view``, ``table``, ``toggles``, ``selected``,
``attack_targets`` and ``attackers``); every mask is computed from the viewer's observation, never the state.
"""

from __future__ import annotations

import numpy as np

from game.engine.api import Location, Phase
from game.engine.board import Country, Terrain
from game.ui.map_plan import plans_to_draw

#: Move highlights; the action box's legend names these colours.
MOVE_COLOURS = {"reach": (70, 170, 70, 95), "rail": (60, 110, 220, 95), "sea": (20, 160, 160, 110)}
#: What each overlay toggle is called when the screen says it went on or off.
OVERLAY_NAMES = {"zoc": "Zones of control", "supply": "Supply net and units out of supply", "front": "Front line",
                 "history": "Historical front line at this date", "grid": "Hex grid", "plans": "The computer's plans"}


class GameOverlays:
    """The overlays of the game screen's map."""

    def update_overlays(self) -> None:
        mv = self.mapview
        view = self.view
        if self.selected:
            self.table.last_selected[view.seat] = self.selected     # where this seat's next turn opens
            self.lesson_done("select")
        board = self.match.board
        for name in ("reach", "rail", "sea", "targets", "attackers"):
            mv.clear_overlay(name)
        mv.set_path(None)
        self.targets = {}
        if self.my_turn and self.selected and self.selected in view.units:
            actions = view.moves_for(self.selected)
            masks = {"reach": np.zeros(board.size, bool), "rail": np.zeros(board.size, bool),
                     "sea": np.zeros(board.size, bool)}
            for a in actions:
                if a.to is None:
                    continue
                i = board.index(a.to)
                kind = {"move": "reach", "rail": "rail"}.get(a.kind, "sea")
                if i not in self.targets or a.kind == "move":
                    self.targets[i] = a
                masks[kind][i] = True
            for name, mask in masks.items():
                if mask.any():
                    mv.set_overlay(name, mask, colour=MOVE_COLOURS[name], outline=MOVE_COLOURS[name][:3] + (200,))
        if self.my_turn and view.phase is Phase.COMBAT:
            mask = np.zeros(board.size, bool)
            for h in self.attack_targets:
                mask[board.index(h)] = True
            if mask.any():
                mv.set_overlay("targets", mask, colour=(220, 60, 30, 110), outline=(200, 30, 20, 230))
            if self.attackers:
                am = np.zeros(board.size, bool)
                for uid in self.attackers:
                    u = view.units.get(uid)
                    if u is not None and u.hex is not None:
                        am[board.index(u.hex)] = True
                mv.set_overlay("attackers", am, colour=(255, 210, 60, 120))
        if self.toggles["zoc"]:
            mv.set_overlay("zoc", view.enemy_zoc())       # of the enemy units the seat sees
        else:
            mv.clear_overlay("zoc")
        if self.toggles["supply"]:
            # The supply net as this seat can trace it (ochre), and its units out of supply (purple).
            net = view.supplied() & (board.terrain >= Terrain.CLEAR)
            mv.set_overlay("supply", net, colour=(230, 200, 80, 60))
            mv.set_overlay("no_supply", self.supply_mask(), colour=(160, 40, 160, 130), outline=(120, 20, 120, 230))
        else:
            mv.clear_overlay("supply")
            mv.clear_overlay("no_supply")
        dmz = view.dmz
        if self.toggles["front"] and not dmz:   # after an armistice the DMZ is the front
            mv.set_overlay("front", self.front_mask(), colour=(0, 0, 0, 0), outline=(200, 30, 30, 230))
        else:
            mv.clear_overlay("front")
        mv.show_mdl = self.toggles["history"]
        mv.set_dmz(dmz or [], self.dmz_label() if dmz else "")
        if self.toggles["plans"]:
            mv.set_plans(plans_to_draw(self.table.visible_plans(view), view.config), self.app.scale)
        else:
            mv.set_plans([])
        if mv.show_mdl:
            from game.session.catalog import historical_lines, line_at
            # Beside a DMZ of the game's own, the history toggle shows the real 1953 line to compare.
            line = historical_lines()[-1] if dmz and historical_lines() else line_at(view.date)
            mv.history_line = (f"{line.date:%d %b %Y}: {line.name}", list(line.points)) if line else None

    def dmz_label(self) -> str:
        signed = next((e for e in reversed(self.match.log) if e.kind == "ArmisticeSigned"), None)
        return f"DMZ ({(signed.date if signed else self.view.date):%d %b %Y})"

    def supply_mask(self) -> np.ndarray:
        """Hexes where the viewer's units would be out of supply now (from the units' own state)."""
        board = self.match.board
        mask = np.zeros(board.size, bool)
        for u in self.view.friendly():
            if u.location is Location.MAP and u.out_of_supply and u.hex is not None:
                mask[board.index(u.hex)] = True
        return mask

    def front_mask(self) -> np.ndarray:
        """The viewer bloc's hexes that touch hexes held by the other bloc: the front line."""
        board = self.match.board
        code = self.view.config.bloc_code(self.view.bloc)
        control = self.view.control
        mine = (control == code) & (board.terrain >= Terrain.CLEAR)
        theirs = (control != code) & (control > 0)
        nb = board.neighbors
        theirs_ext = np.append(theirs, False)
        return mine & theirs_ext[nb].any(axis=1) & (board.country != int(Country.PRC))


    def toggle(self, key: str) -> None:
        self.lesson_done("overlay")
        if key == "grid":
            self.mapview.show_grid = not self.mapview.show_grid
            self.app.settings.hex_grid = self.mapview.show_grid
            self.app.keep_settings()
        elif key == "minimap":
            mini = self.mapview.minimap
            mini.visible = self.app.settings.minimap = not mini.visible
            self.app.keep_settings()
            self.notify("Minimap: on" if mini.visible else "Minimap: off (M or its tab brings it back)")
            return
        else:
            self.toggles[key] = not self.toggles[key]
            self.update_overlays()
        names = OVERLAY_NAMES
        on = self.mapview.show_grid if key == "grid" else self.toggles[key]
        if key == "plans" and on and not self.mapview.plans:
            self.notify(self.no_plans_reason(), seconds=6)
            return
        self.notify(f"{names[key]}: {'on' if on else 'off'}")

    def no_plans_reason(self) -> str:
        """Why the plan overlay shows nothing (the rule is Table.may_see_plan)."""
        ai = self.table.ai
        seats = [s for s in self.match.config.seats if ai.plays(s.id)]
        if not seats:
            return "No seat is played by the computer: there is no plan to show."
        if not any(self.table.may_see_plan(s.id) for s in seats):
            return "The enemy computer's plans are shown when the war is over."
        return "The computer has no plan yet: it makes one at the start of each of its movement phases."

