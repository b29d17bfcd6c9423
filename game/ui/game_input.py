"""The game screen's input on the map: a click selects a unit, moves it to a lit hex, chooses a target and the
attackers, or attacks; the mouse over a hex shows a move's path and cost; Tab picks the next unit; a human's action
is submitted with its sound and notice.

A mixin of GameScreen (it reads the screen's ``view``, ``match``, ``table``, ``mapview``, ``selected``,
``attackers``, ``target``, ``targets`` and ``attack_targets``, and calls its refreshers).
"""

from __future__ import annotations

from game.engine.actions import Attack, Decide, EndPhase, IllegalAction, Landing, MoveUnit, RailMove, SeaMove
from game.engine.api import RESULT_NAMES, Hex, Phase
from game.engine.api import title as place_title
from game.engine.terrain import HALF


class MapInput:
    """Playing a turn with the mouse and Tab."""

    def on_map_click(self, h: Hex, button: int) -> None:
        if button == 3:
            self.selected, self.attackers, self.target = None, [], None
            self.update_overlays()
            self.update_action_box()
            self.update_info(h)             # the side panel lets go of the unit with the selection
            return
        view = self.view
        i = self.match.board.index(h)
        if not self.my_turn:
            self.update_info(h)
            return
        if view.phase is Phase.MOVEMENT:
            if self.selected and i in self.targets:
                self.act(self.targets[i])
                return
            own = [u for u in self.mapview.units_at(h) if u.seat == view.seat]
            movable = [u for u in own if not u.moved] or own
            if movable:
                ids = [u.id for u in movable]
                nxt = ids[(ids.index(self.selected) + 1) % len(ids)] if self.selected in ids else ids[0]
                self.selected = nxt
                self.app.sounds.play("select")
            elif self.selected:
                # A hex the selected unit cannot go to: say why, and keep the unit (a play-tester's click beyond its
                # reach used to let go of it without a word).  A right-click lets go of it.
                verdict = view.check(MoveUnit(self.selected, h))
                if verdict is not None:
                    self.notify(f"{verdict[1]} (Right-click lets go of the unit.)")
                    self.app.sounds.play("error")
            else:
                self.selected = None
        else:
            enemy_here = [u for u in self.mapview.units_at(h) if u.seat not in self.own_seats()]
            if enemy_here and h in self.attack_targets:
                if self.target == h and self.attackers:
                    self.commit_attack()
                    return
                self.target = h
                eligible = list(self.attack_targets[h])
                chosen = [a for a in self.attackers if a in eligible]
                self.attackers = chosen or eligible
            else:
                here = self.mapview.units_at(h)
                own = [u for u in here if u.seat == view.seat and not u.attacked]
                ally = next((u for u in here if u.seat != view.seat and u.seat in self.own_seats()), None)
                # A click that can do nothing says why: a play-tester clicked an enemy no unit could reach, and an
                # ally's division to add it to an attack, and nothing happened.
                if enemy_here:
                    self.notify(f"None of your units that may still attack is next to {place_title(view.board, h)}.")
                elif ally is not None and not any(u.seat == view.seat for u in here):
                    seat_name = view.config.seat(ally.seat).name
                    self.notify(f"{ally.name} belongs to the {seat_name} seat: only your own units join your attacks.")
                if self.target is not None:
                    # Only a unit that can strike the chosen hex joins its attack: the odds shown must be the odds
                    # the attack is rolled at (a unit two hexes off used to be counted, then refused on Attack!).
                    eligible = set(self.attack_targets.get(self.target, ()))
                    barred = [u for u in own if u.id not in eligible]
                    if barred:
                        self.notify(f"{barred[0].name} is not next to the target hex: it cannot join this attack.")
                        self.app.sounds.play("error")
                    own = [u for u in own if u.id in eligible]
                for u in own:
                    if u.id in self.attackers:
                        self.attackers.remove(u.id)
                    else:
                        self.attackers.append(u.id)
        self.update_overlays()
        self.update_info(h)
        self.update_action_box()

    def own_seats(self) -> set[str]:
        bloc = self.view.bloc
        return {s.id for s in self.view.config.seats if s.bloc == bloc}

    def commit_attack(self) -> None:
        if self.target is None or not self.attackers:
            return
        action = Attack(self.target, tuple(sorted(self.attackers)))
        self.target, self.attackers = None, []
        self.act(action)

    def act(self, action) -> None:
        """Submit a human action; an illegal one shows its reason and changes nothing."""
        try:
            events = self.submit_action(action)
        except IllegalAction as exc:
            self.notify(exc.reason)
            self.app.sounds.play("error")
            return
        self.lesson_done({MoveUnit: "move", RailMove: "move", SeaMove: "move", Landing: "move", Decide: "decide",
                          Attack: "attack", EndPhase: "end_phase"}.get(type(action), ""))
        if isinstance(action, (MoveUnit, RailMove, SeaMove, Landing)):
            self.selected = None
            self.app.sounds.play("move")
        taken = next((e for e in events if e.kind == "DecisionTaken"), None)
        if taken:
            self.notify(taken.text, seconds=6)
            self.app.sounds.play("turn")
        combat = next((e for e in events if e.kind == "CombatResolved"), None)
        if combat:
            d = combat.data
            place = place_title(self.match.board, Hex(*d["target"]))
            self.notify(f"{place}: {d['column']}, die {d['die']} — {RESULT_NAMES[d['result']]}", seconds=6)
            self.app.sounds.play("combat")
        if any(e.kind == "TurnStarted" for e in events):
            self.app.sounds.play("turn")
        self.after_change()

    def cycle_units(self) -> None:
        if not self.my_turn or self.view.phase is not Phase.MOVEMENT:
            return
        ids = self.view.movers()          # own units on the map or in Japan that may still move
        if not ids:
            self.notify("Every unit has moved. Press Space to end movement.")
            return
        nxt = ids[(ids.index(self.selected) + 1) % len(ids)] if self.selected in ids else ids[0]
        self.selected = nxt
        u = self.view.units[nxt]
        if u.hex is not None:
            self.mapview.layout.center_on_hex(u.hex, snug=True)
        self.update_overlays()
        self.update_info(u.hex)
        self.update_action_box()

    def hover_changed(self) -> None:
        h = self.mapview.hover
        mv = self.mapview
        if self.selected and self.my_turn and h is not None:
            board = self.match.board
            i = board.index(h)
            a = self.targets.get(i)
            if isinstance(a, MoveUnit):
                reach = self.view.reach(self.selected)      # cached in the observation: one search per unit
                path = reach.path(i)
                mv.set_path([board.hex_at(j) for j in path], [reach.cost[j] / HALF for j in path])
            else:
                mv.set_path(None)
        self.update_info(h)
        if self.my_turn and self.view.phase is Phase.MOVEMENT:
            self.update_action_box()

