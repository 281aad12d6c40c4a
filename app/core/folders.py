"""Folders Induct writes into: made when missing, or refused with the folder and a plain reason.

An output folder can be a file's name, on a read-only disk, someone else's or gone;
the person is told which folder and why, in words, never an errno.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

_REASONS = {
    errno.ENOTDIR: "a file is in the way where a folder should be",
    errno.EEXIST: "a file is in the way where a folder should be",
    errno.EACCES: "you are not allowed to write there",
    errno.EPERM: "you are not allowed to write there",
    errno.EROFS: "it is on a read-only disk",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.ENAMETOOLONG: "its name is too long",
    errno.ENOENT: "the disk or folder it is in has gone",
}


class FolderRefusedError(OSError):
    """A folder that cannot be made or written to; str() says which and why."""

    def __init__(self, folder: Path, code: int) -> None:
        super().__init__(code, _REASONS.get(code, os.strerror(code)), str(folder))

    def __str__(self) -> str:
        return f"the folder {self.filename} cannot be used: {self.strerror}"


def ensure_folder(folder: Path, mode: int = 0o777) -> Path:
    """`folder`, made with its parents when missing.

    Raises:
        FolderRefusedError: it cannot be made, is not a folder, or cannot be written to.
    """
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=mode)
    except OSError as error:
        raise FolderRefusedError(_blocking(folder), error.errno or errno.EIO) from error
    if not os.access(folder, os.W_OK | os.X_OK):
        raise FolderRefusedError(folder, errno.EACCES)
    return folder


def _blocking(folder: Path) -> Path:
    """The folder itself, or the file standing where one of its parents should be."""
    for parent in (folder, *folder.parents):
        if parent.exists():
            return parent if not parent.is_dir() else folder
    return folder
