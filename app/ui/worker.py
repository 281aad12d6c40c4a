"""Run slow work (rendering a PDF) off the UI thread and hear back on it."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


class _Relay(QObject):
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # reported to the page, which says what to do
            outcome, value = "failed", error
        else:
            outcome, value = "succeeded", result
        # The window that asked may have been closed and deleted meanwhile.
        with contextlib.suppress(RuntimeError):
            getattr(self.relay, outcome).emit(value)


def run_in_background(work: Callable[[], Any], on_success: Callable[[Any], None],
                      on_failure: Callable[[BaseException], None], owner: QObject) -> None:
    """Call `work()` on a pool thread; its result or error arrives on the UI thread."""
    relay = _Relay(owner)
    relay.succeeded.connect(on_success)
    relay.failed.connect(on_failure)
    relay.succeeded.connect(relay.deleteLater)
    relay.failed.connect(relay.deleteLater)
    QThreadPool.globalInstance().start(_Job(work, relay))
