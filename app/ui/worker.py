"""Run slow work (rendering, signing, loading) off the UI thread and hear back on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

_WAITING: set[_Relay] = set()  # relays with work in flight; they own no Qt parent


class _Relay(QObject):
    finished = Signal(object, object)  # the result, or None and the error

    def __init__(
        self,
        owner: QObject,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None] | None,
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
            return
        if error is None:
            self.on_success(result)
        elif self.on_failure is not None:
            self.on_failure(error)


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as error:  # handed to on_failure, which says what to do
            self.relay.finished.emit(None, error)
        else:
            self.relay.finished.emit(result, None)


def run_in_background(
    work: Callable[[], Any],
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None] | None,
    owner: QObject,
) -> None:
    """Call `work()` on a pool thread; its result reaches `on_success` (or its error
    `on_failure`) on the UI thread, unless `owner` has been deleted by then."""
    relay = _Relay(owner, on_success, on_failure)
    _WAITING.add(relay)
    QThreadPool.globalInstance().start(_Job(work, relay))
