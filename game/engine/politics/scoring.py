"""Victory points per seat (DESIGN §9), measured against the historical result, which scores 0.

Each component is (what this game achieved - what history achieved) x weight,
so a student sees at once whether they did better or worse than the real
leaders.  The benchmarks come from the scenario's ``scoring.historical``.
"""

from __future__ import annotations

from ..state import GameState
from ..words import plural, points

DEFAULT_OUTCOMES = {
    "armistice": {"all": 0},
    "ceasefire": {"all": 0},
    "last_turn": {"all": 0},
    "general_war": {"all": -100},
    "unification:un": {"un": 50, "communist": -50},
    "unification:communist": {"communist": 50, "un": -50},
}


def places_held(state: GameState) -> dict[str, tuple[tuple[int, str], ...]]:
    """bloc -> the victory places it holds, as (points, name), the most points first: the one reckoning of the
    places that the score, its reason and the end screen's summary all read."""
    out: dict[str, list[tuple[int, str]]] = {b: [] for b in state.config.blocs}
    for v in state.config.victory_places:
        code = int(state.control[state.board.index(v.hex)])
        if code:
            out[state.config.blocs[code - 1]].append((v.points, state.board.places[v.place].name))
    return {b: tuple(sorted(held, key=lambda pn: (-pn[0], pn[1]))) for b, held in out.items()}


def places_words(held: tuple[tuple[int, str], ...], total: int) -> str:
    """The victory places a bloc holds, in words: the three worth most by name, then how many more, of how many."""
    names = [n for _, n in held]
    if not names:
        return f"none of the {total} victory places"
    text = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"{text} ({len(names)} of the {total} victory places)"


#: How a war ended, as a clause and as what history's ending is called beside it.
OUTCOME_WORDS = {
    "armistice": ("the war ended in an armistice", "an armistice"),
    "ceasefire": ("the war ended in a ceasefire", "a ceasefire"),
    "last_turn": ("the scenario's last turn passed with the war undecided", "the war undecided at the end"),
    "general_war": ("the war became a general war", "a general war"),
    "unification:un": ("Korea was unified by the UN side", "Korea unified by the UN side"),
    "unification:communist": ("Korea was unified by the communist side", "Korea unified by the communist side"),
}


def _outcome_words(outcome: str) -> tuple[str, str]:
    words = outcome.replace("_", " ").replace(":", " by ")
    return OUTCOME_WORDS.get(outcome, (f"the war ended in {words}", words))


def coalition_seat(seat) -> bool:
    """Whether a seat answers for the UN coalition's cohesion: a UN-bloc seat with nations besides the ROK."""
    return seat.bloc == "un" and any(n.lower() != "rok" for n in seat.nations)


def scores(state: GameState) -> dict[str, dict]:
    """seat -> {"components": {name: points}, "total": points, "why": [sentences]}.

    Ground is the bloc's (allies share it, and the sentence says so); losses are the seat's own
    fighting (the enemy steps its attacks and defences took, against the steps it lost); escalation
    avoided counts for everyone; the coalition's cohesion counts for the seat that leads it; the
    outcome against history's.  Each component is (this game - history) x its weight.
    """
    pol = state.config.politics
    sc = pol.scoring if pol else None
    hist = dict(sc.historical) if sc else {}
    w_ground, w_loss, w_esc, w_coh = (sc.ground, sc.losses, sc.escalation, sc.cohesion) if sc else (1, .5, .3, .3)
    outcomes = {**DEFAULT_OUTCOMES, **(sc.outcome if sc else {})}
    lost_by = state.steps_lost_dict()
    inflicted_by = state.steps_inflicted_dict()
    tracks = state.track_dict()
    peak = float(state.escalation_peak) if "escalation" in tracks else 0.0
    held_by = places_held(state)
    n_places = len(state.config.victory_places)
    out: dict[str, dict] = {}
    for seat in state.config.seats:
        b = seat.bloc
        allies = [s.name for s in state.config.seats if s.bloc == b and s.id != seat.id]
        comp: dict[str, float] = {}
        why: list[str] = []
        held = sum(p for p, _ in held_by.get(b, ()))
        h_ground = float((hist.get("ground") or {}).get(b, held if not hist else 0))
        comp["ground"] = round(w_ground * (held - h_ground), 1)
        shared = f", shared with the {' and the '.join(allies)}" if allies else ""
        why.append(f"Ground: your side holds {places_words(held_by.get(b, ()), n_places)}: {held} points{shared} "
                   f"(in history: {h_ground:g} points)")
        inflicted, taken = inflicted_by[seat.id], lost_by[seat.id]
        balance = inflicted - taken
        benchmarks = hist.get("loss_balance") or {}
        h_loss = float(benchmarks.get(seat.id, benchmarks.get(b, 0)))
        comp["losses"] = round(w_loss * (balance - h_loss), 1)
        why.append(f"Losses: your units took {plural(inflicted, 'enemy step')} and lost {taken} (balance "
                   f"{balance:+d}; history {h_loss:+g})")
        if "escalation" in tracks:
            h_peak = float(hist.get("escalation_peak", peak))
            comp["escalation"] = round(w_esc * (h_peak - peak), 1)
            why.append(f"Escalation avoided: it peaked at {points(peak)} (history: {points(h_peak)}); a lower peak "
                       "is better for everyone")
        if coalition_seat(seat) and "cohesion" in tracks:
            h_coh = float(hist.get("cohesion", tracks["cohesion"]))
            comp["coalition"] = round(w_coh * (float(tracks["cohesion"]) - h_coh), 1)
            why.append(f"Coalition kept: UN cohesion ended at {points(tracks['cohesion'])} (history: {points(h_coh)})")
        table = outcomes.get(state.outcome or "", {})
        pts = float(table.get(b, table.get("all", 0)))
        h_out = str(hist.get("outcome", "armistice"))
        h_table = outcomes.get(h_out, {})
        if state.outcome and state.outcome != h_out:
            comp["outcome"] = pts - float(h_table.get(b, h_table.get("all", 0)))
        else:
            comp["outcome"] = 0.0
        # The outcome is always explained, even when it scores nothing: how the war ended against history's end.
        h_words = _outcome_words(h_out)[1]
        if not state.outcome:
            why.append(f"Outcome: the war goes on, so its end scores nothing yet (in history: {h_words})")
        elif state.outcome == h_out:
            why.append(f"Outcome: {_outcome_words(h_out)[0]}, as in history: no points either way")
        else:
            why.append(f"Outcome: {_outcome_words(state.outcome)[0]} (history: {h_words}): "
                       f"{comp['outcome']:+g} points against history's end")
        out[seat.id] = {"components": comp, "total": round(sum(comp.values()), 1), "why": why}
    return out
