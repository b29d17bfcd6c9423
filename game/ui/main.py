"""Start the desktop game: settings, the save folder, the window, the main menu.

A run that ends by an unexpected error leaves a marker; the next start sees
it and offers the last autosave.
"""

from __future__ import annotations

import argparse
import os
import time

from game.errorlog import log_dir, log_exception


def folder_problem(exc: OSError) -> str:
    """Why the saves folder cannot be used, in a player's words."""
    from game.session.atomicwrite import write_problem
    if isinstance(exc, (FileExistsError, NotADirectoryError)):
        return "it is a file, not a folder"
    return write_problem(exc)


def run_gui(args: argparse.Namespace | None = None) -> int:
    t0 = time.perf_counter()
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from game.session.atomicwrite import clean_stale_temporaries
    from game.session.autosave import Autosaver
    from game.session.savedir import save_dir
    from game.ui.app import App
    from game.ui.screens.menu import MainMenu
    from game.ui.settings import load_settings, settings_path

    try:
        folder = save_dir(getattr(args, "save_dir", None))
    except OSError as exc:
        # A file where the folder should be, or a folder that may not be made: said, not logged as a crash.
        print(f"Armistice cannot use the saves folder {exc.filename}: {folder_problem(exc)}. "
              "Choose another with --save-dir.")
        return 2
    # A save or the settings cut short by kill -9 or a power cut leave hidden temporaries; the files themselves
    # are whole (game/session/atomicwrite.py).
    clean_stale_temporaries(folder)
    clean_stale_temporaries(settings_path().parent)
    marker = log_dir() / "last-run-crashed"
    offer = None
    if marker.exists():
        newest = Autosaver(folder).existing()
        offer = newest[0] if newest else None
        marker.unlink(missing_ok=True)
    app = App(load_settings(), folder)
    app.show(MainMenu(app, offer_autosave=offer))
    app.launch_seconds = time.perf_counter() - t0
    marker.write_text("running\n")
    try:
        code = app.run()
    except Exception as exc:  # noqa: BLE001 - logged; the marker stays so the next start offers the autosave
        path = log_exception(exc)
        print(f"Armistice stopped because of an unexpected error; details are in {path}")
        return 3
    marker.unlink(missing_ok=True)
    return code
