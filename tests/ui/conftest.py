"""Fixtures every UI test may use (a test module's own fixture of the same name takes precedence)."""

from __future__ import annotations

import pytest

import game.ui.app as app_module


@pytest.fixture
def errors(monkeypatch):
    """The exceptions the window would have logged (a test asserts there are none)."""
    seen: list[BaseException] = []
    monkeypatch.setattr(app_module, "log_exception", lambda exc: seen.append(exc) or "test-log")
    return seen
