"""Work the window must not wait for (a replay, a report), run on a daemon thread and polled each frame.

Contract: ``Job(fn, *args)`` starts ``fn(*args)`` on a daemon thread at once.  The window's thread asks
``done`` each frame, then reads ``result`` or ``error`` (the exception ``fn`` raised, or None).  A Job never
touches pygame or the screen: what it makes (bytes, plain data) is turned into surfaces by the caller, in the
window's thread.  A job whose screen has gone is simply forgotten (the thread is a daemon and ends with it).
"""

from __future__ import annotations

import threading
from typing import Any, Callable


class Job:
    def __init__(self, fn: Callable[..., Any], *args: Any):
        self.result: Any = None
        self.error: BaseException | None = None
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(fn, args), daemon=True, name="armistice-job")
        self._thread.start()

    def _run(self, fn: Callable[..., Any], args: tuple) -> None:
        try:
            self.result = fn(*args)
        except BaseException as exc:  # noqa: BLE001 - handed to the window's thread, which words or logs it
            self.error = exc
        finally:
            self._done.set()

    @property
    def done(self) -> bool:
        return self._done.is_set()

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job ends (tests and the bench; the window polls ``done`` instead)."""
        return self._done.wait(timeout)
