"""Victory points per seat (DESIGN §9), measured against the historical result, which scores 0.

Each component is (what this game achieved - what history achieved) x weight,
so a student sees at once whether they did better or worse than the real
leaders.  The benchmarks come from the scenario's ``scoring.historical``.
"""

from __future__ import annotations

from ..state import GameState

DEFAULT_OUTCOMES = {
    "armistice": {"all": 0},
    "ceasefire": {"all": 0},
    "last_turn": {"all": 0},
    "general_war": {"all": -100},
    "unification:un": {"un": 50, "communist": -50},
    "unification:communist": {"communist": 50, "un": -50},
}


def _bloc_points(state: GameState, bloc: str) -> int:
    code = state.config.bloc_code(bloc)
    return sum(v.points for v in state.config.victory_places if int(state.control[state.board.index(v.hex)]) == code)


def _places_held(state: GameState, bloc: str) -> str:
    """The victory places a bloc holds, in words: the three worth most by name, then how many more, of how many."""
    code = state.config.bloc_code(bloc)
    places = state.config.victory_places
    held = sorted(((v.points, state.board.places[v.place].name) for v in places
                   if int(state.control[state.board.index(v.hex)]) == code), key=lambda pn: (-pn[0], pn[1]))
    names = [n for _, n in held]
    if not names:
        return f"none of the {len(places)} victory places"
    text = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"{text} ({len(names)} of the {len(places)} victory places)"


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
    out: dict[str, dict] = {}
    for seat in state.config.seats:
        b = seat.bloc
        allies = [s.name for s in state.config.seats if s.bloc == b and s.id != seat.id]
        comp: dict[str, float] = {}
        why: list[str] = []
        held = _bloc_points(state, b)
        h_ground = float((hist.get("ground") or {}).get(b, held if not hist else 0))
        comp["ground"] = round(w_ground * (held - h_ground), 1)
        shared = f", shared with the {' and the '.join(allies)}" if allies else ""
        why.append(f"Ground: your side holds {_places_held(state, b)}: {held} points{shared} "
                   f"(in history: {h_ground:g} points)")
        inflicted, taken = inflicted_by[seat.id], lost_by[seat.id]
        balance = inflicted - taken
        benchmarks = hist.get("loss_balance") or {}
        h_loss = float(benchmarks.get(seat.id, benchmarks.get(b, 0)))
        comp["losses"] = round(w_loss * (balance - h_loss), 1)
        why.append(f"your units took {inflicted} enemy steps and lost {taken} (balance {balance:+d}; "
                   f"history {h_loss:+g})")
        if "escalation" in tracks:
            h_peak = float(hist.get("escalation_peak", peak))
            comp["escalation"] = round(w_esc * (h_peak - peak), 1)
            why.append(f"escalation peaked at {peak:g} (history: {h_peak:g}); a lower peak is better for everyone")
        if coalition_seat(seat) and "cohesion" in tracks:
            h_coh = float(hist.get("cohesion", tracks["cohesion"]))
            comp["coalition"] = round(w_coh * (float(tracks["cohesion"]) - h_coh), 1)
            why.append(f"kept UN cohesion at {tracks['cohesion']:g} (history: {h_coh:g})")
        table = outcomes.get(state.outcome or "", {})
        pts = float(table.get(b, table.get("all", 0)))
        h_out = str(hist.get("outcome", "armistice"))
        if state.outcome and state.outcome != h_out:
            comp["outcome"] = pts - float(outcomes.get(h_out, {}).get(b, outcomes.get(h_out, {}).get("all", 0)))
            why.append(f"the war ended in {state.outcome.replace('_', ' ').replace(':', ' by ')} "
                       f"(history: {h_out.replace('_', ' ')})")
        else:
            comp["outcome"] = 0.0
        out[seat.id] = {"components": comp, "total": round(sum(comp.values()), 1), "why": why}
    return out
