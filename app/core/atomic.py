"""Atomic file writes: a reader sees the old file or the new one, never half of one.

Files are written private (0600: readable by their owner only), as the temporary file
is made, and new folders 0700: sessions, keys and the register hold personal data.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from pathlib import Path

from app.core.folders import ensure_folder

# Temporary files are ".NAME.RANDOM.tmp" beside NAME (see write_atomic).
_TEMPORARY = re.compile(r"\..+\.[A-Za-z0-9_]{6,}\.tmp")
ORPHAN_AGE_S = 600.0  # older than any write in progress


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file, fsync and rename."""
    ensure_folder(path.parent, mode=0o700)  # a refusal names the folder, in words
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, path)
    except OSError as error:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        if error.filename is None:  # say which file could not be written
            raise OSError(error.errno, error.strerror, str(path)) from error
        raise
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_dir(path.parent)


def write_text_atomic(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))


def _fsync_dir(folder: Path) -> None:
    # The rename is only durable once the directory entry is on disk (POSIX only).
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def create_private(path: Path) -> None:
    """Create `path` empty and private (0600) if it does not exist yet; a file an older
    version left readable by others is made private."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077:
            os.chmod(path, 0o600)


def remove_orphans(folder: Path, older_than: float = ORPHAN_AGE_S) -> int:
    """Delete temporary files a killed write left in `folder`; return how many.

    Only regular files named as write_atomic names them, and untouched for `older_than`
    seconds (another Induct may be writing one now), are removed.
    """
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    now = time.time()
    for entry in entries:
        if not _TEMPORARY.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):
            info = entry.stat(follow_symlinks=False)
            if stat.S_ISREG(info.st_mode) and now - info.st_mtime >= older_than:
                os.unlink(entry.path)
                removed += 1
    return removed
