"""Run slow work (rendering, signing, loading) off the UI thread and hear back on it.

Every caller gives a failure handler that tells the person what happened; an error that
arrives after its window has closed goes to the problem log. No error is dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from app.core.problem_log import log_problem

_WAITING: set[_Relay] = set()  # relays with work in flight; they own no Qt parent


class _Relay(QObject):
    finished = Signal(object, object)  # the result, or None and the error

    def __init__(
        self,
        owner: QObject,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
    ) -> None:
        super().__init__()  # no parent: it must outlive an owner closed meanwhile
        self.owner = owner
        self.on_success = on_success
        self.on_failure = on_failure
        self.finished.connect(self._on_finished)  # queued onto the UI thread, where it lives

    @Slot(object, object)
    def _on_finished(self, result: Any, error: BaseException | None) -> None:
        _WAITING.discard(self)
        self.deleteLater()
        if not shiboken6.isValid(self.owner):  # the window that asked has gone
            if error is not None:
                log_problem("Background work for a window closed since failed", error)
            return
        if error is None:
            self.on_success(result)
        else:
            self.on_failure(error)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result, error = self.work(), None
        except Exception as failure:  # handed to on_failure, which says what to do
            result, error = None, failure
        try:
            self.relay.finished.emit(result, error)
        except RuntimeError:  # the application quit meanwhile and took the relay with it
            if error is not None:
                log_problem("Background work still running when Induct closed failed", error)


def run_in_background(
    work: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
    owner: QObject,
) -> None:
    """Call `work()` on a pool thread; its result reaches `on_success` (or its error
    `on_failure`, which is required) on the UI thread, unless `owner` has been deleted by
    then (an error is then written to the problem log)."""
    if not callable(on_failure):
        raise TypeError("run_in_background needs a failure handler that tells the person")
    relay = _Relay(owner, on_success, on_failure)
    _WAITING.add(relay)
    QThreadPool.globalInstance().start(_Job(work, relay))
