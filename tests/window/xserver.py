"""A private X server (Xvfb) on a display number it picks itself, and real key presses
sent to it with xdotool, for tests that need a real window rather than the offscreen one."""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
from dataclasses import dataclass


@dataclass
class XServer:
    process: subprocess.Popen
    display: str
    width: int
    height: int

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def _die_with_parent() -> None:
    """In the child before exec: Linux ends Xvfb when the test process dies, even by a crash
    that skips every clean-up."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


PR_SET_PDEATHSIG = 1


def start_xvfb(width: int, height: int) -> XServer:
    """Start Xvfb with one `width`×`height` screen; it chooses a free display and says which."""
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
            "-dpi",
            "96",
        ],
        pass_fds=(write_end,),
        preexec_fn=_die_with_parent,  # only prctl, before exec
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        number = pipe.readline().strip()  # written once the server accepts connections
    if not number:
        process.kill()
        raise RuntimeError("Xvfb did not start")
    return XServer(process, f":{number}", width, height)


def xdotool(display: str, *args: str) -> None:
    """Run xdotool against `display`: its key presses reach the X server as real ones."""
    subprocess.run(
        ["xdotool", *args], check=True, timeout=30, env={**os.environ, "DISPLAY": display}
    )
