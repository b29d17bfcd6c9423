"""Pytest fixtures for the scenario tests (the data lives in scenario_fixtures.py)."""

from __future__ import annotations

import pytest
from scenario_fixtures import GOOD_DIR, fixture_mapdata

from game.engine.board import Board
from game.scenario.mapfile import board_from_data


@pytest.fixture(scope="session")
def board() -> Board:
    return board_from_data(fixture_mapdata(), "fixture map")


@pytest.fixture(scope="session")
def tiny_text() -> str:
    return (GOOD_DIR / "tiny.yaml").read_text(encoding="utf-8")
