"""Reading a data file that anyone could have put there: small, regular, and where expected.

A FIFO would block a reader for ever, a link to /dev/zero would fill memory, and a link
out of the folder would read a file the folder's owner never chose; each is refused
with a reason a person can act on.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


def _refuse(reason: str, path: Path) -> OSError:
    return OSError(errno.EINVAL, reason, str(path))


def read_bounded(path: Path, folder: Path, max_bytes: int) -> str:
    """The UTF-8 text of `path`, a regular file of at most `max_bytes` inside `folder`.

    A link is followed only to a file inside `folder`. Raises OSError (with a reason
    as its strerror) or UnicodeDecodeError.
    """
    path, folder = Path(path), Path(folder)
    if path.is_symlink():
        target = path.resolve()
        if not target.is_relative_to(folder.resolve()):
            raise _refuse("it links outside the sessions folder", path)
    # O_NONBLOCK: a FIFO put in place after the check below still cannot block the open.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _refuse("it is not a regular file", path)
        if info.st_size > max_bytes:
            raise _refuse(f"it is larger than {_size(max_bytes)}", path)
        chunks, left = [], max_bytes + 1
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # it grew while being read
        raise _refuse(f"it is larger than {_size(max_bytes)}", path)
    return data.decode("utf-8")


def _size(count: int) -> str:
    return f"{count // 1_000_000} MB" if count >= 1_000_000 else f"{count // 1000} kB"
