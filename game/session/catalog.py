"""What the UI may ask of the scenario layer, through the session (ARCHITECTURE: ui -> engine + session).

The scenarios on disk, loading one (all problems at once, as ScenarioError),
the game's map, and the historical front lines for the comparison overlay.
"""

from __future__ import annotations

from game.scenario.history_lines import HistoricalLine, historical_lines, line_at
from game.scenario.loader import Scenario, load_scenario, scenario_ids
from game.scenario.mapfile import load_board
from game.scenario.problems import ScenarioError

__all__ = ["HistoricalLine", "Scenario", "ScenarioError", "historical_lines", "line_at", "load_board",
           "load_scenario", "scenario_ids"]
