"""Writing a file so that a crash leaves the old file or the new one, whole; and tidying after a crash.

Contract:

* ``write_atomic(path, text)`` writes a hidden temporary ``.NAME.XXXXXXXX.tmp``
  beside ``path``, flushes and syncs it, then renames it over ``path``.  On an
  error the temporary is removed and the error (an OSError) propagates;
  ``path`` is untouched.  Only ``kill -9`` or a power cut can leave the
  temporary behind.
* ``clean_stale_temporaries(folder)`` removes such leftovers: only names this
  module makes for a ``.json`` file, only regular files (never a link or a
  folder), only those untouched for ``STALE_SECONDS`` (a save being written
  now by another window of the game is younger).  A real save never matches.
* ``write_problem(exc)`` says in a player's words why a write failed.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import time
from pathlib import Path

#: A temporary untouched this long is a leftover: writing the largest save takes well under a second.
STALE_SECONDS = 60.0
#: The names tempfile.mkstemp gives write_atomic's temporaries for a .json file (8 characters of its alphabet).
TEMPORARY = re.compile(r"^\..+\.json\.[a-z0-9_]{8}\.tmp$")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves either the old or the new file, whole."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def clean_stale_temporaries(folder: Path, now: float | None = None) -> list[str]:
    """Remove write_atomic's leftovers in ``folder`` older than STALE_SECONDS; the names removed.

    Never raises: a folder that cannot be listed, or a file that cannot be removed, is left as it is."""
    now = time.time() if now is None else now
    removed = []
    try:
        names = os.listdir(folder)
    except OSError:
        return removed
    for name in names:
        if not TEMPORARY.match(name):
            continue
        path = Path(folder) / name
        try:
            st = os.lstat(path)
            if stat.S_ISREG(st.st_mode) and now - st.st_mtime >= STALE_SECONDS:
                path.unlink()
                removed.append(name)
        except OSError:
            continue
    return sorted(removed)


_WORDS = {
    getattr(errno, "EDQUOT", errno.ENOSPC): "the disk quota is used up",
    errno.ENOSPC: "the disk is full",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "the folder may not be written to (permission denied)",
    errno.EPERM: "the folder may not be written to (permission denied)",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EIO: "the disk reported an error",
}


def write_problem(exc: OSError) -> str:
    """Why a write failed, for a player: 'the disk is full', not '[Errno 28] No space left on device'."""
    words = _WORDS.get(exc.errno)
    if words:
        return words
    return f"the system refused ({exc.strerror})" if exc.strerror else "the file could not be written"
