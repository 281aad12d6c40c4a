"""Background work still running when Induct closes: it ends without a traceback."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject, QThreadPool

from app.ui import worker


def test_work_that_finishes_after_the_app_has_gone_prints_no_traceback(qtbot, capfd) -> None:
    """The relay the work reports to is deleted with the application (as at quit) before
    the work ends: nothing is printed to the terminal the app was started from."""
    owner = QObject()
    release = threading.Event()
    earlier = set(worker._WAITING)
    worker.run_in_background(lambda: release.wait(10), lambda _: None, lambda _: None, owner)
    (relay,) = worker._WAITING - earlier
    shiboken6.delete(relay)  # what QApplication's end does to objects it still holds
    release.set()
    assert QThreadPool.globalInstance().waitForDone(10000)
    worker._WAITING.discard(relay)
    assert capfd.readouterr().err == ""
