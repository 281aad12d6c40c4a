"""The shared inbox folder: many induction laptops copy signed PDFs in, one register imports.

The organisation picks a folder it already shares with the tool it already uses (a network
drive, OneDrive, Nextcloud, Syncthing). Each laptop copies every signed PDF there
(`copy_to_inbox`: written under a hidden name, then renamed, so nobody sees half a file
from us); the register computer looks at the folder (`InboxScanner.scan`, called when the
folder changes, at start and again while something is still arriving) and imports each
complete PDF with the ordinary import: checked, duplicates recognised, refusals listed with
their reason. A file that is still growing, was changed within the last moments, or
cannot be opened yet is looked at again later and never refused for it. Nothing in the
folder is ever deleted or changed.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from app.core.atomic import write_text_atomic
from app.core.clock import Clock, local_now
from app.core.register.importing import (
    ADDED,
    COUNTERSIGNATURE_ADDED,
    DUPLICATE,
    ImportResult,
    Verify,
    import_file,
)
from app.core.register.register import Register

SETTINGS_NAME = "inbox.json"
PARTIAL_PREFIX = ".induct-partial-"
SETTLE_SECONDS = 3.0  # a file unchanged this long (and ending as a PDF ends) is complete
TAIL = 1024  # a PDF's last bytes hold its %%EOF marker


@dataclass
class InboxSettings:
    """This computer's part in the shared folder (kept in the data folder)."""

    folder: str = ""
    copy_signed: bool = False  # an induction laptop: copy every signed PDF in
    watch: bool = False  # the register computer: import what appears

    @property
    def path(self) -> Path | None:
        return Path(self.folder) if self.folder else None


def settings_path() -> Path:
    from app.core import paths  # platformdirs only here

    return paths.data_dir() / SETTINGS_NAME


def load_settings(path: Path | None = None) -> InboxSettings:
    """The saved settings; the defaults (no folder) when none are saved or they are damaged."""
    try:
        data = json.loads((path or settings_path()).read_text(encoding="utf-8"))
        return InboxSettings(
            folder=str(data.get("folder", "")),
            copy_signed=bool(data.get("copy_signed", False)),
            watch=bool(data.get("watch", False)),
        )
    except (OSError, ValueError, AttributeError):
        return InboxSettings()


def save_settings(settings: InboxSettings, path: Path | None = None) -> None:
    write_text_atomic(path or settings_path(), json.dumps(asdict(settings), indent=1))


def is_candidate(name: str) -> bool:
    """A PDF someone put in the folder; not a hidden or temporary file of a sync tool or ours."""
    return name.lower().endswith(".pdf") and not name.startswith((".", "~"))


def copy_to_inbox(pdf: Path, folder: Path) -> Path:
    """Copy `pdf` into the shared `folder`; the path of the copy there.

    The copy is written under a hidden temporary name and renamed when complete. A file of
    the same name with the same bytes is the copy already; one with other bytes keeps its
    name and this copy takes "name (2).pdf".
    """
    data = Path(pdf).read_bytes()
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem, suffix = Path(pdf).stem, Path(pdf).suffix or ".pdf"
    digest = hashlib.sha256(data).hexdigest()
    for number in range(1, 1000):
        target = folder / (f"{stem}{suffix}" if number == 1 else f"{stem} ({number}){suffix}")
        if target.exists():
            with contextlib.suppress(OSError):
                if hashlib.sha256(target.read_bytes()).hexdigest() == digest:
                    return target
            continue
        partial = folder / f"{PARTIAL_PREFIX}{digest[:16]}-{os.getpid()}{suffix}"
        try:
            with partial.open("wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            try:
                # A hard link never replaces a file that appeared meanwhile, unlike a rename.
                os.link(partial, target)
            except FileExistsError:
                continue
            except OSError:  # a shared file system without hard links
                if target.exists():
                    continue
                os.replace(partial, target)
        finally:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()
        return target
    raise FileExistsError(f"too many copies named {stem!r} in {folder}")


@dataclass(frozen=True)
class Look:
    """A file as last seen: size and modification time."""

    size: int
    mtime_ns: int


@dataclass(frozen=True)
class InboxScan:
    """What one look at the folder did, and where things stand."""

    folder: Path
    results: tuple[ImportResult, ...] = ()  # files handled on this look
    waiting: tuple[str, ...] = ()  # names still arriving: looked at again later
    refused: tuple[tuple[str, str], ...] = ()  # (name, reason), every refused file so far
    problem: str = ""  # the folder itself cannot be read

    @property
    def added(self) -> int:
        return sum(r.outcome in (ADDED, COUNTERSIGNATURE_ADDED) for r in self.results)


@dataclass
class InboxScanner:
    """Remembers what it saw in `folder` between looks, so each complete file is imported
    once and a file still arriving waits."""

    folder: Path
    settle_seconds: float = SETTLE_SECONDS
    now: Callable[[], float] = time.time
    _last: dict[str, Look] = field(default_factory=dict)
    _handled: dict[str, Look] = field(default_factory=dict)
    _refused: dict[str, str] = field(default_factory=dict)

    def scan(self, register: Register, verify: Verify, clock: Clock = local_now) -> InboxScan:
        """Import every complete, new PDF in the folder; never deletes or changes one."""
        try:
            entries = sorted(
                (e for e in os.scandir(self.folder) if is_candidate(e.name)), key=lambda e: e.name
            )
        except OSError as error:
            return InboxScan(
                self.folder, problem=f"{self.folder} cannot be read ({error.strerror})."
            )
        results: list[ImportResult] = []
        waiting: list[str] = []
        present = set()
        for entry in entries:
            name = entry.name
            present.add(name)
            try:
                stat = entry.stat()
            except OSError:
                continue  # gone again (a sync tool's rename)
            if not entry.is_file():
                continue
            look = Look(stat.st_size, stat.st_mtime_ns)
            if self._handled.get(name) == look:
                continue
            previous, self._last[name] = self._last.get(name), look
            settled = self.now() - stat.st_mtime >= self.settle_seconds
            if (previous is not None and previous != look) or not settled:
                waiting.append(name)
                continue
            if not _ends_as_a_pdf(Path(entry.path)):
                waiting.append(name)  # cut short, or still locked by the sync tool
                continue
            result = import_file(register, Path(entry.path), verify, clock)
            self._handled[name] = look
            results.append(result)
            if result.outcome in (ADDED, COUNTERSIGNATURE_ADDED, DUPLICATE):
                self._refused.pop(name, None)
            else:
                self._refused[name] = result.message
        for gone in set(self._refused) - present:  # moved away by someone: no longer listed
            del self._refused[gone]
        return InboxScan(
            self.folder,
            tuple(results),
            tuple(waiting),
            tuple(sorted(self._refused.items())),
        )


def _ends_as_a_pdf(path: Path) -> bool:
    """The file can be opened and ends with a PDF's end-of-file marker."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - TAIL))
            tail = handle.read()
            handle.seek(0)
            head = handle.read(8)
    except OSError:
        return False
    if not head.startswith(b"%PDF-"):
        return True  # not a PDF at all: let the import say so (listed as refused)
    return tail.rstrip().endswith(b"%%EOF")
