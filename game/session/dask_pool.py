"""A study's runs on a Dask cluster: a running one (``tcp://HOST:PORT``) or a LocalCluster started here (issue 11 §3).

Contract:

* Dask is an optional extra (``pip install -e ".[cluster]"``).  Nothing here imports it until ``open_cluster``
  is called; without it, ``open_cluster`` raises ClusterUnavailable(INSTALL_HINT).
* ``address_problem(text)`` says in words what is wrong with a ``--scheduler`` value (``local``, or
  ``[tcp://]HOST:PORT``), or None.  It needs no Dask.
* ``open_cluster(address, workers)`` connects, or starts a LocalCluster of ``workers`` processes of one thread
  each when ``address`` is ``local``.  Every reason it cannot -- no Dask, nothing answering within
  CONNECT_TIMEOUT_S, no worker joining within WORKER_WAIT_S -- is a ClusterUnavailable of one line.
* ``for_workers(study, content_hash)`` is the study as a worker on another machine can play it (the scenario
  by id or absolute path, bound to the file's content hash).
* ``Cluster.check(study)`` has every worker load the study's scenario (which also warms its cache), and sends
  one such task through the scheduler, before any game is played: a worker that cannot import ``game`` or
  holds another version of the scenario, or a scheduler that cannot read a task (it needs the game too), is a
  ClusterUnavailable of one line.
* ``Cluster.run(study, on_result)`` keeps game/session/runpool.py run_study's contract: each run is
  ``play_run(study, i)`` on some worker, seeded from the study's seed and ``i`` alone, so the results, sorted by
  run, are byte-identical to a pool's; ``on_result`` is called here as each run finishes (distributed's
  as_completed), so a progress bar moves; Ctrl+C cancels the runs in flight and returns the finished ones with
  ``interrupted`` True.
* A worker lost mid-run loses only its runs in flight: the scheduler gives them to another worker (up to its
  ``allowed-failures`` deaths a run); a run that still comes back KilledWorker is submitted again, up to
  RESUBMITS times, and an exception the run itself raises is retried RETRIES times on the scheduler before it
  is raised here.  ``retried`` counts the runs submitted again.  Runs cancelled under us (the scheduler lost)
  end the study as Ctrl+C does, with ``lost`` True.
* Dask's log lines of this process go to ``armistice-dask.log`` in the game's log folder (game/errorlog.py).
* ``close()`` (or leaving the ``with`` block) closes the client and any LocalCluster it started.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import threading
import uuid
from dataclasses import replace
from pathlib import Path
from typing import Callable

from game.paths import SCENARIOS_DIR

from .runpool import ScenarioMismatch, Study, play_run, prepared

INSTALL_HINT = 'install the cluster extra: pip install -e ".[cluster]"'
#: Seconds to reach a scheduler: a wrong address is refused quickly, not after Dask's 30.
CONNECT_TIMEOUT_S = 5
#: Seconds to wait for a first worker to join a scheduler that has none.
WORKER_WAIT_S = 10
#: Seconds for a probe task to go through the scheduler to a worker and back (it loads the scenario there).
CHECK_TIMEOUT_S = 60
#: An exception a run raises is retried this often by the scheduler (a full disk or memory on one machine);
#: the game is deterministic, so a run that fails again fails for good.
RETRIES = 1
#: A run that killed ``allowed-failures`` workers comes back KilledWorker; it is submitted again this often.
RESUBMITS = 1

_ADDRESS = re.compile(r"(?:tcp://)?(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):(\d{1,5})")


class ClusterUnavailable(Exception):
    """Why the study cannot go to the cluster, in one line."""


def address_problem(text: str) -> str | None:
    if text == "local":
        return None
    m = _ADDRESS.fullmatch(text)
    if m is None or not 0 < int(m.group(2)) < 65536:
        return f"'{text}': give tcp://HOST:PORT (a running dask scheduler) or local (a cluster on this machine)"
    return None


def local_workers(jobs: int | None) -> int:
    """Workers of a LocalCluster: ``--jobs``, else the cores this process may use."""
    if jobs:
        return jobs
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:                     # not on Linux
        return max(1, os.cpu_count() or 1)


def open_cluster(address: str, workers: int | None = None) -> "Cluster":
    try:
        import distributed
    except ImportError:
        raise ClusterUnavailable(INSTALL_HINT) from None
    _logs_to_file()
    if address == "local":
        local = _start_local(distributed, local_workers(workers))
        return Cluster(distributed.Client(local, set_as_default=False), local)
    try:
        client = distributed.Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterUnavailable(f"no dask scheduler answers at {address} within {CONNECT_TIMEOUT_S} s "
                                 f"({type(exc).__name__}); start one with: dask scheduler") from None
    try:
        client.wait_for_workers(1, timeout=WORKER_WAIT_S)
    except (OSError, TimeoutError):
        client.close()
        raise ClusterUnavailable(f"the scheduler at {address} has no workers after {WORKER_WAIT_S} s; "
                                 f"start some with: dask worker {address}") from None
    return Cluster(client)


def _logs_to_file() -> None:
    """Dask's own log lines go to a file beside the game's error log, not to the terminal: a lost scheduler
    makes the client log a traceback at ERROR, and the study says what happened in one line of its own."""
    from game.errorlog import log_dir
    try:
        handler: logging.Handler = logging.FileHandler(log_dir() / "armistice-dask.log", encoding="utf-8")
    except OSError:                             # no log folder: better no Dask lines than a study refused
        handler = logging.NullHandler()
    handler.setLevel(logging.WARNING)              # its INFO lines would fill the file, a few per study
    handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
    # Dask's logging configuration gives "distributed" and some of its children (distributed.client) a handler
    # of their own on stderr, and stops them propagating.
    names = [n for n in list(logging.root.manager.loggerDict) if n == "distributed" or n.startswith("distributed.")]
    for name in names:
        logger = logging.getLogger(name)
        for old in list(logger.handlers):        # ours of an earlier study too: one file handler at a time
            logger.removeHandler(old)
            old.close()
    top = logging.getLogger("distributed")
    top.addHandler(handler)
    top.propagate = False
    for name in names:
        if name != "distributed":
            logging.getLogger(name).propagate = True


def _start_local(distributed, workers: int):
    """A LocalCluster of ``workers`` processes of one thread (a run is pure Python: threads would share one
    core).  Its worker processes are started with SIGINT ignored, as runpool's are, so Ctrl+C at a terminal
    (which signals the whole foreground group) reaches only this process and no worker prints a traceback."""
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        # The HTTP server on a free port: the default 8787 may be another cluster's (even None tries it first),
        # and Dask then warns on the terminal.
        return distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=":0", silence_logs=logging.ERROR)
    finally:
        if main:
            signal.signal(signal.SIGINT, previous)


def for_workers(study: Study, content_hash: str) -> Study:
    """``study`` as workers elsewhere can play it: one of the game's own scenarios by its id (each worker finds
    it in its own copy of the game), another by its path (which must be the same on every worker: a shared
    folder); and bound to the content of the file it was asked on (runpool.ScenarioMismatch otherwise)."""
    path = Path(study.scenario_path)
    try:
        own = path.resolve().parent == SCENARIOS_DIR.resolve()
    except OSError:
        own = False
    return replace(study, scenario_path=path.stem if own else str(path.resolve()), scenario_hash=content_hash)


def _reason(exc: BaseException) -> str:
    """An exception from the cluster in one short line: its cause if it has one (Dask wraps a worker's or the
    scheduler's ModuleNotFoundError in a RuntimeError of several lines), its type and first line of words."""
    exc = exc.__cause__ or exc
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return f"{type(exc).__name__}: {lines[0][:200] if lines else ''}".rstrip(": ")


def _check_worker(study: Study) -> None:
    """On a worker: load the study's scenario (runpool caches it for the runs; ScenarioMismatch if it is
    another version)."""
    prepared(study)


class Cluster:
    """A client of a Dask cluster, for one command's studies."""

    def __init__(self, client, local=None):
        self.client = client
        self.local = local
        self.retried = 0
        self.lost = False

    def __enter__(self) -> "Cluster":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()
        if self.local is not None:
            self.local.close()

    def check(self, study: Study) -> None:
        # Each worker loads the scenario (client.run reaches every worker, not through the scheduler); then one
        # task goes through the scheduler, which (in Dask of recent years) unpickles a task itself and so needs
        # the game installed beside it too.
        try:
            self.client.run(_check_worker, study)
        except ScenarioMismatch as exc:
            raise ClusterUnavailable(str(exc)) from None
        except Exception as exc:  # noqa: BLE001 - whatever a worker raises, the study cannot run there
            raise ClusterUnavailable(f"a worker cannot play {study.scenario_path} ({_reason(exc)}); install the "
                                     "game on every worker (pip install -e . in its copy)") from None
        probe = self.client.submit(_check_worker, study, key=f"armistice-check-{uuid.uuid4().hex[:8]}", pure=False)
        try:
            probe.result(timeout=CHECK_TIMEOUT_S)
        except Exception as exc:  # noqa: BLE001 - as above, for the scheduler
            raise ClusterUnavailable(f"the scheduler cannot pass on a run ({_reason(exc)}); install the game "
                                     "where the scheduler runs too") from None
        finally:
            probe.release()

    def run(self, study: Study, on_result: Callable[[dict], None] | None = None) -> tuple[list[dict], bool]:
        from distributed import as_completed
        from distributed.scheduler import KilledWorker
        tag = uuid.uuid4().hex[:8]      # its own keys: two studies on one scheduler never share a result

        def submit(index: int, attempt: int):
            return self.client.submit(play_run, study, index, key=f"armistice-{tag}-{index}-{attempt}",
                                      retries=RETRIES, pure=False)
        runs = {submit(i, 0): (i, 0) for i in range(study.runs)}
        results: list[dict] = []
        done = as_completed(list(runs), loop=self.client.loop)
        stopped = False
        try:
            for future in done:
                index, attempt = runs.pop(future)
                if future.status == "error" and isinstance(future.exception(), KilledWorker) \
                        and attempt < RESUBMITS:
                    self.retried += 1
                    again = submit(index, attempt + 1)
                    runs[again] = (index, attempt + 1)
                    done.add(again)
                    continue
                if future.status == "cancelled":    # the scheduler was lost (or someone cancelled our runs)
                    self.lost = stopped = True
                    break
                result = future.result()            # a run's own error is raised here, as a pool's would be
                future.release()
                results.append(result)
                if on_result:
                    on_result(result)
        except KeyboardInterrupt:
            stopped = True
        if stopped and not self.lost:
            self.client.cancel(list(runs))
        results.sort(key=lambda r: r["run"])
        return results, stopped
