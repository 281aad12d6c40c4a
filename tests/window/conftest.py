"""The real-window lane: these tests run on the xcb platform against a private Xvfb (1366×900
at 100%), driven by real key presses (xdotool). Run on their own (`make test` does, after the
offscreen run): this conftest switches the whole pytest process to a real X display."""

from __future__ import annotations

import os

import pytest

from tests.window.xserver import XServer, start_xvfb, xdotool

# test_scaled.py runs tour.py in a child with another screen size and QT_SCALE_FACTOR.
SCREEN = tuple(int(n) for n in os.environ.get("INDUCT_SCREEN", "1366x900").split("x"))

_server: XServer = start_xvfb(*SCREEN)
os.environ["DISPLAY"] = _server.display
os.environ["QT_QPA_PLATFORM"] = "xcb"  # before pytest-qt creates the QApplication
for _variable in ("QT_SCREEN_SCALE_FACTORS", "WAYLAND_DISPLAY"):
    os.environ.pop(_variable, None)
if "INDUCT_SCREEN" not in os.environ:
    os.environ.pop("QT_SCALE_FACTOR", None)

from tests.ui.conftest import make_wizard, opened, services  # noqa: E402, F401 (fixtures)


def pytest_unconfigure(config: pytest.Config) -> None:
    _server.stop()


@pytest.fixture(scope="session")
def xserver() -> XServer:
    return _server


class Keys:
    """Real key presses through the X server, to whichever window has the input focus."""

    def __init__(self, qtbot, server: XServer) -> None:
        self.qtbot = qtbot
        self.server = server

    def press(self, *names: str) -> None:
        """Press keys by X name (Tab, Return, space, alt+n, shift+Tab)."""
        for name in names:
            xdotool(self.server.display, "key", "--clearmodifiers", name)
            self.qtbot.wait(40)

    def type(self, text: str) -> None:
        xdotool(self.server.display, "type", "--delay", "15", text)
        self.qtbot.wait(60)


@pytest.fixture
def keys(qtbot, xserver: XServer) -> Keys:
    return Keys(qtbot, xserver)
