"""Scenario files -> :class:`Scenario` -> a fresh :class:`GameState`.

``load_scenario("1950-invasion")`` (an id from scenarios/) or
``load_scenario("path/to/file.yaml")`` reads the file, validates it against the
map and raises :class:`ScenarioError` listing *every* problem, or returns a
:class:`Scenario`: the static :class:`GameConfig`, unit templates, texts, and
the file's content hash (saves record it).  ``Scenario.new_game(seed)`` builds
a new state from fresh copies of the units -- the same seed always gives the
same state.

Arrival positions are stored in ``Unit.arrives_at`` as a place id, ``"japan"``,
or ``"hex:q,r"`` for a bare hex (see :func:`arrival_hex`); an arrival's
``requires`` flag and ``delay_days`` go to ``Unit.requires`` / ``Unit.delay_days``.
The politics sections, compiled into the engine's typed specs during
validation (game/scenario/politics_compile.py), become ``GameConfig.politics``
(None for a scenario without them).
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from game.engine import api
from game.engine.api import GameState, Setup, army_name
from game.engine.board import Board
from game.engine.config import Calendar, CalendarPeriod, GameConfig, Parameters, Seat, SupplySource, VictoryPlace
from game.engine.events import Event
from game.engine.hexes import Hex
from game.engine.units import Location, Unit
from game.files import MB, FileRefused, kind_problem, read_bounded
from game.paths import ROOT, SCENARIOS_DIR

from .mapfile import load_board
from .problems import Problem, ScenarioError, ScenarioNotFound, suggest
from .schema import POLITICS_SECTIONS, SECTIONS
from .validate import JAPAN, Context, calendar_dates, check_politics, unit_entries, validate_document
from .yamlsource import YamlDocument, parse_yaml

#: Sections this module builds into the config (the politics sections become
#: ``GameConfig.politics``); any other section travels to the engine untouched in ``GameConfig.extra``.
CORE_SECTIONS = ("format", "meta", "calendar", "seats", "parameters", "replacements", "rebuild_after",
                 "replacements_after", "templates", "units", "arrivals", "supply_sources",
                 "victory_places") + POLITICS_SECTIONS
HEX_PREFIX = "hex:"
#: The largest scenario file read.  The real ones are 18-79 KB (the whole war, 1950-invasion.yaml, is the largest);
#: 2 MB leaves a teacher's scenario 25 times the campaign's room, and refuses a runaway or hostile file before a
#: byte of it is parsed (the node limit of game/scenario/yamlcompose.py bounds what a smaller one may expand to).
SCENARIO_LIMIT = 2 * MB


@dataclass
class Scenario:
    """A validated scenario, ready to start games from."""

    id: str
    title: str
    path: Path
    content_hash: str                  # sha256 of the file's bytes
    document: dict[str, Any]           # the file as plain data (as written, before defaults)
    spec: dict[str, Any]               # the validated data, defaults filled in
    config: GameConfig
    units: tuple[Unit, ...]            # templates: new_game copies them
    board: Board = field(repr=False)
    description: str = ""
    briefing: str = ""
    start: date | None = None
    end: date | None = None
    teaching: dict[str, list[str]] = field(default_factory=dict)

    def new_game(self, seed: int) -> GameState:
        """A fresh state for ``seed``, with the first seat's automatic phases run."""
        return self.start_game(seed)[0]

    def start_game(self, seed: int) -> tuple[GameState, list[Event]]:
        """Like :meth:`new_game`, also returning the events of the start (arrivals...)."""
        return api.new_game(self.setup, int(seed))

    def new_match_truth(self, seed: int) -> api.Truth:
        """The whole truth of a new game's first position (for the scenario's facts: info, previews)."""
        return api.reveal(self.new_game(seed))

    @cached_property
    def setup(self) -> Setup:
        """The static part every game of this scenario shares (unit table, indexes, movement caches)."""
        return api.make_setup(self.board, self.config, self.units)

    def units_of(self, seat_id: str) -> list[Unit]:
        return [u for u in self.units if u.seat == seat_id]


# ---------------------------------------------------------------------------
# finding files
# ---------------------------------------------------------------------------

def display_name(path: Path) -> str:
    """How a file is named in problems: relative to the working directory or the game root if possible."""
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError):     # a link loop (RuntimeError before Python 3.13)
        return str(path)
    for base in (Path.cwd(), ROOT):
        try:
            return str(resolved.relative_to(base.resolve()))
        except ValueError:
            continue
    return str(path)


def scenario_ids(directory: Path | None = None) -> list[str]:
    """Ids (file stems) of the regular ``*.yaml`` files in ``directory`` (default: scenarios/), sorted.

    Only a stat of each entry, never a read: a pipe, a directory or a link to a device named ``x.yaml`` is left
    out without blocking (``python -m game validate`` says what it is).
    """
    directory = SCENARIOS_DIR if directory is None else directory
    try:
        if not directory.is_dir():
            return []
        return sorted(p.stem for p in directory.glob("*.yaml") if kind_problem(p) is None)
    except OSError:
        return []


def resolve_scenario(name_or_path: str | Path, directory: Path | None = None) -> Path:
    """The file of a scenario id (in scenarios/) or a path; raises ScenarioNotFound.

    A path that exists but is no regular file is refused with what it is ("is a directory, not a file"), not as
    a missing file; nothing is opened here (game.files.read_bounded reads it).
    """
    directory = SCENARIOS_DIR if directory is None else directory
    text = str(name_or_path)
    path = Path(text)
    looks_like_path = isinstance(name_or_path, Path) or path.suffix in (".yaml", ".yml") or "/" in text or "\\" in text
    if looks_like_path or path.is_file():
        problem = kind_problem(path)
        if problem is None:
            return path
        raise ScenarioNotFound([Problem(text, None, "", "no such scenario file" if problem == "no such file"
                                        else problem)])
    candidate = directory / f"{text}.yaml"
    problem = kind_problem(candidate)
    if problem is None:
        return candidate
    if problem != "no such file":
        raise ScenarioNotFound([Problem(display_name(candidate), None, "", problem)])
    ids = scenario_ids(directory)
    listing = ", ".join(ids) if ids else "none"
    raise ScenarioNotFound([Problem(text, None, "", f"unknown scenario id{suggest(text, ids)}; available: {listing}")])


# ---------------------------------------------------------------------------
# loading
# ---------------------------------------------------------------------------

def read_problems(path: Path, board: Board | None) -> tuple[bytes, Any, list[Problem]]:
    """Read and validate ``path``: (bytes, Validated or None, problems)."""
    name = display_name(path)
    try:
        raw = read_bounded(path, SCENARIO_LIMIT)
    except FileRefused as exc:
        return b"", None, [Problem(name, None, "", exc.reason)]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return raw, None, [Problem(name, line, "", "the file is not UTF-8 text")]
    validated = validate_document(parse_yaml(text, name), path.stem, board)
    return raw, validated, validated.problems


def check_scenario(name_or_path: str | Path, board: Board | None = None) -> list[Problem]:
    """Every problem of a scenario (empty: it is fine).  Raises only MapFileError (no usable map)."""
    try:
        path = resolve_scenario(name_or_path)
    except ScenarioNotFound as exc:
        return exc.problems
    return read_problems(path, board if board is not None else load_board())[2]


def load_scenario(name_or_path: str | Path, board: Board | None = None) -> Scenario:
    """Load and validate a scenario (default board: the game's map).

    Raises ScenarioError with every problem (MapFileError, a ScenarioError, if there is no usable map).
    """
    path = resolve_scenario(name_or_path)
    board = board if board is not None else load_board()
    raw, validated, problems = read_problems(path, board)
    if problems:
        raise ScenarioError(problems)
    data = validated.data
    meta = data["meta"]
    teaching = meta.get("teaching") or {}
    return Scenario(
        id=meta["id"], title=meta["title"], path=path, content_hash=hashlib.sha256(raw).hexdigest(),
        document=validated.doc.data, spec=data, config=build_config(data, board, validated.politics),
        units=tuple(build_units(data, board)), board=board, description=meta["description"],
        briefing=meta["briefing"], start=meta["start"], end=meta["end"], teaching=dict(teaching),
    )


# ---------------------------------------------------------------------------
# building engine values from validated data
# ---------------------------------------------------------------------------

def locate(board: Board, value: Any) -> Hex | str:
    """A validated position -> Hex, or JAPAN."""
    if value == JAPAN:
        return JAPAN
    if isinstance(value, str):
        return board.places[value].hex
    return Hex(int(value[0]), int(value[1]))


def arrival_hex(board: Board, arrives_at: str | None) -> Hex | None:
    """The hex of ``Unit.arrives_at``: a place id, ``hex:q,r``, or None for japan/unknown."""
    if not arrives_at or arrives_at == JAPAN:
        return None
    if arrives_at.startswith(HEX_PREFIX):
        q, r = arrives_at[len(HEX_PREFIX):].split(",")
        return Hex(int(q), int(r))
    place = board.places.get(arrives_at)
    return place.hex if place else None


def compile_politics_of(data: dict, board: Board):
    """The compiled politics of validated data (None if it has no politics sections)."""
    ctx = Context(YamlDocument("<data>", data), data, board, None)
    check_politics(ctx)
    if ctx.problems:
        raise ScenarioError(ctx.problems)
    return ctx.politics


_COMPILE: Any = object()


def build_config(data: dict, board: Board, politics: Any = _COMPILE) -> GameConfig:
    """The GameConfig of validated scenario data (``politics``: already compiled, else compiled here)."""
    if politics is _COMPILE:
        politics = compile_politics_of(data, board)
    meta = data["meta"]
    start, end = calendar_dates(data)
    periods = data["calendar"].get("periods") or [{"from": start, "days": 7}]
    overrides = {k: _tupled(v) for k, v in data["parameters"].items()}
    sources = []
    for src in data["supply_sources"]:
        where = src["place"] if src.get("place") is not None else src["hex"]
        h = locate(board, where)
        name = src.get("name") or (board.places[where].name if isinstance(where, str) else f"hex [{h.q}, {h.r}]")
        sources.append(SupplySource(bloc=src["bloc"], hex=h, name=name, always=src["always"],
                                    until=src.get("until"), linked=src.get("linked", False)))
    return GameConfig(
        scenario_id=meta["id"], title=meta["title"],
        seats=tuple(Seat(s["id"], s["name"], s["bloc"], tuple(s["nations"])) for s in data["seats"]),
        calendar=Calendar(first=start, last=end,
                          periods=tuple(CalendarPeriod(p["from"], p["days"]) for p in periods)),
        supply_sources=tuple(sources),
        victory_places=tuple(VictoryPlace(v["place"], board.places[v["place"]].hex, v["points"])
                             for v in data["victory_places"]),
        params=Parameters(**overrides),
        replacements=tuple((sid, n) for sid, n in data["replacements"].items()),
        rebuild_after=tuple((sid, n) for sid, n in (data.get("rebuild_after") or {}).items()),
        replacements_after=tuple((flag, sid, n) for flag, steps in (data.get("replacements_after") or {}).items()
                                 for sid, n in steps.items()),
        extra=tuple((name, data[name]) for name in SECTIONS if name not in CORE_SECTIONS and name in data),
        politics=politics,
    )


def build_units(data: dict, board: Board) -> list[Unit]:
    """Unit templates: start units (on the map or in Japan), then arrivals (pending), in file order."""
    out: list[Unit] = []
    for path, u in unit_entries(data):
        if path[0] == "units":
            where = locate(board, u["at"])
            location = Location.JAPAN if where == JAPAN else Location.MAP
            out.append(_unit(u, location=location, hex=None if where == JAPAN else where))
        else:
            arrival = data["arrivals"][path[1]]
            at = arrival["at"]
            token = at if isinstance(at, str) else f"{HEX_PREFIX}{at[0]},{at[1]}"
            out.append(_unit(u, location=Location.PENDING, arrives=arrival["date"], arrives_at=token,
                             requires=arrival.get("requires"), delay_days=arrival.get("delay_days") or 0))
    return with_army_names(out)


def with_army_names(units: list[Unit]) -> list[Unit]:
    """Units whose name another nation's unit also bears, each named with its army in front ("6th Infantry
    Division" of the KPA and of the ROK read "KPA 6th Infantry Division" and "ROK 6th Infantry Division" in the
    log, the panels and the computer's reasons; the armies' names are game/engine/nations.py ARMY_NAMES).  Names no
    other army uses are left as the scenario wrote them."""
    nations: dict[str, set[str]] = {}
    for u in units:
        nations.setdefault(u.name, set()).add(u.nation.lower())
    out = []
    for u in units:
        army = army_name(u.nation)
        if len(nations[u.name]) > 1 and not u.name.startswith(army + " "):
            u = dataclasses.replace(u, name=f"{army} {u.name}")
        out.append(u)
    return out


def _tupled(value: Any) -> Any:
    """Lists (from YAML) -> tuples (frozen Parameters), recursively."""
    return tuple(_tupled(v) for v in value) if isinstance(value, list) else value


def _unit(u: dict, **where: Any) -> Unit:
    return Unit(id=u["id"], name=u["name"], seat=u["seat"], nation=u["nation"], type=u["type"], size=u["size"],
                attack=u["attack"], defence=u["defence"], movement=u["movement"], max_steps=u["steps"],
                steps=u["steps"], anti_tank=u["anti_tank"], infiltrates=u["infiltrates"],
                amphibious=u["amphibious"], hidden=u["hidden"], **where)
