"""The game screen's side panel texts: the selected unit and the hex under the mouse, and the action box (what to
do next in this phase, a move's path and cost, an attack's odds with every column shift and each result's chance).

A mixin of GameScreen (it reads the screen's ``view``, ``match``, ``table``, ``selected``, ``target``,
``attackers``, ``targets``, ``attack_targets`` and its text boxes ``info`` and ``action_box``).
"""

from __future__ import annotations

from game.engine.api import RESULT_NAMES, Hex, Location, MoveUnit, Phase, Unit, country_name, nation_name, place_words
from game.engine.api import title as place_title
from game.engine.board import Country, Terrain
from game.engine.terrain import HALF
from game.ui.counters import factors_words
from game.ui.log_html import esc


class GameCards:
    """The texts of the game screen's side panel."""

    def update_info(self, h: Hex | None) -> None:
        parts = []
        if self.selected and self.selected in self.view.units:
            parts.append(self.unit_card(self.view.units[self.selected], "Selected"))
        if h is not None:
            parts.append(self.hex_card(h))
            for u in self.mapview.units_at(h):
                if u.id != self.selected:
                    parts.append(self.unit_card(u))
        japan = [u for u in self.view.own() if u.location is Location.JAPAN]
        if japan and self.my_turn and self.view.phase is Phase.MOVEMENT:
            names = ", ".join(f"<a href='{u.id}'>{esc(u.name)}</a>" for u in japan)
            parts.append(f"<b>In Japan</b> (click one, then a lit port or beach): {names}")
        if not parts:
            parts.append("<i>Hover over the map for hex details; click a unit to select it.</i>")
        self.set_html(self.info, "<br>".join(parts))

    def unit_card(self, u: Unit, title: str = "") -> str:
        view = self.view
        seat = view.config.seat(u.seat)
        enemy = seat.bloc != self.view.bloc
        bar = f"{u.steps}/{u.max_steps}"
        supply = "out of supply" if u.out_of_supply else "in supply"
        status = []
        if not enemy:
            status.append("moved" if u.moved else "can move")
            if view.phase is Phase.COMBAT:
                status.append("attacked" if u.attacked else "can attack")
            status.append(supply)
        if u.dug_in:
            status.append("dug in (attacks on it lose a column)")
        head = f"<b>{esc(title + ': ' if title else '')}{esc(u.name)}</b>"
        return (f"{head}<br>{esc(seat.name)} · {esc(nation_name(u.nation))} · {esc(u.type)} {esc(u.size)}<br>"
                f"{factors_words(u)} · steps {bar}"
                + (f"<br><i>{esc(', '.join(status))}</i>" if status else ""))

    def hex_card(self, h: Hex) -> str:
        b = self.match.board
        i = b.index(h)
        terrain = Terrain(int(b.terrain[i])).name.lower()
        country = Country(int(b.country[i])).name
        owner = "" if country == "NONE" else f", {country_name(country)} (1950)"
        bits = [f"<b>{esc(place_title(b, h))}</b> — {terrain}{owner}"]
        feats = [n for n, f in (("port", b.port[i]), ("airfield", b.airfield[i]), ("capital", b.capital[i])) if f]
        rivers = sorted({b.river_names.get((i, d), "") for d in range(6) if b.river[i, d]} - {""})
        if rivers:
            feats.append("river " + ", ".join(r.title() for r in rivers))
        if b.rail[i].any():
            feats.append("railway")
        elif b.road[i].any():
            feats.append("road")
        if feats:
            bits.append(esc(", ".join(feats)))
        held = int(self.view.control[i])
        if held:
            bits.append("held by the " + ("UN side" if self.view.config.blocs[held - 1] == "un"
                                          else "communist side"))
        if not self.view.visible[i]:
            bits.append("<i>not in sight of your forces</i>")
        return "<br>".join(bits)

    def show_attack_button(self, on: bool) -> None:
        """The Attack! button at the foot of the action box (which gives it the room), or the box at full height."""
        if on != self.action_short:
            self.action_short = on
            self.action_box.set_dimensions(self.action_sizes[1 if on else 0])
        (self.attack_button.show if on else self.attack_button.hide)()

    def update_action_box(self) -> None:
        view = self.view
        self.show_attack_button(False)
        if view.over:
            self.action_box.set_text("<b>The game is over.</b>")
            return
        if not self.my_turn:
            seat = view.config.seat(view.active_seat)
            kind = "the computer" if not self.table.active_is_human else "another player"
            text = f"<b>{esc(seat.name)}</b> is playing ({kind})…"
            if self.computer_playing():
                text += ("<br><i>Space skips its moves to the end of its turn. It waits while a window is open "
                         "(Esc: menu, save, load).</i>")
            self.set_html(self.action_box, text)
            return
        if view.phase is Phase.POLITICAL:
            self.action_box.set_text("<b>Political phase.</b> Take your decisions in the panel, then continue "
                                     "to movement (Space).")
            return
        if view.phase is Phase.MOVEMENT:
            left = len(view.movers())
            text = (f"<b>Movement.</b> {left} unit{'s' if left != 1 else ''} can still move. Click a unit, then a "
                    "lit hex (green: march, blue: rail, teal: sea or landing). Tab picks the next unit; Space "
                    "ends movement.")
            if self.selected and self.mapview.hover is not None:
                text += self.path_text(self.mapview.hover)
            self.set_html(self.action_box, text)
            return
        if self.target is None:
            n = len(self.attack_targets)
            self.action_box.set_text(f"<b>Combat.</b> {n} enemy hex{'es' if n != 1 else ''} can be attacked "
                                     "(lit red). Click one to see the odds; click your units to choose attackers. "
                                     "Space ends your turn.")
            return
        self.show_attack_button(True)
        # Greyed while no unit is chosen to attack: it looked ready and did nothing (a play-tester).
        (self.attack_button.enable if self.attackers else self.attack_button.disable)()
        self.action_box.set_text(self.odds_text())

    def path_text(self, h: Hex) -> str:
        board = self.match.board
        i = board.index(h)
        a = self.targets.get(i)
        if a is None:
            return ""
        to = place_words(board, h, "to")              # 'to Kaesong', 'to a hex near Haeju'
        if isinstance(a, MoveUnit):
            cost = self.view.reach(self.selected).cost[i] / HALF     # cached in the observation
            return f"<br>{esc(to[:1].upper() + to[1:])}: {cost:g} movement points."
        return f"<br>{esc(to[:1].upper() + to[1:])} by {a.kind}."

    def odds_text(self) -> str:
        attackers = [a for a in self.attackers if a in self.view.units]
        o = self.view.odds(attackers, self.target) if self.target is not None else None
        if o is None:
            return "Choose at least one of your units next to the target."
        shifts = "".join(f"<br>  {sh.columns:+d} {esc(sh.reason)}" for sh in o.shifts) or "<br>  none"
        # The results run on in one paragraph: one a line, the last of them needed scrolling at 100% scale.
        probs = ": " + " · ".join(f"{p * 100:.0f}% {esc(RESULT_NAMES[c])}"
                                  for c, p in sorted(o.probabilities.items(), key=lambda kv: (-kv[1], kv[0])))
        return (f"<b>Attack {esc(place_words(self.match.board, self.target, 'on'))}</b><br>"
                f"{o.attack:.1f} against {o.defence:.1f}: base odds {o.base_name}, "
                + (f"shifted to <b>{o.column_name}</b>" if o.column != o.base_column else
                   f"<b>{o.column_name}</b> after shifts") + f"{shifts}<br><b>Results</b>{probs}")

