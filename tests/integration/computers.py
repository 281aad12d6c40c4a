"""Separate computers for the multi-computer tests: each has its own data folder and its
own D-Bus session with its own unlocked gnome-keyring (a real Secret Service of its own).

The `induct` command runs in a computer's environment; `inside()` points this test process
at it (data folder and D-Bus), for the real wizard and Check window.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

KEYRING_PASSWORD = b"induct-test-keyring"


class Computer:
    """One computer: a home with XDG folders, a D-Bus session and a Secret Service."""

    def __init__(self, folder: Path, name: str, *, secret_service: bool = True) -> None:
        self.name = name
        self.home = folder / name
        runtime = self.home / "runtime"
        runtime.mkdir(parents=True, mode=0o700)
        self.env = {
            "HOME": str(self.home),
            "XDG_DATA_HOME": str(self.home / "data"),
            "XDG_CONFIG_HOME": str(self.home / "config"),
            "XDG_CACHE_HOME": str(self.home / "cache"),
            "XDG_RUNTIME_DIR": str(runtime),
            "XDG_DOCUMENTS_DIR": str(self.home / "Documents"),
        }
        self._processes: list[subprocess.Popen[bytes]] = []
        if secret_service:
            self._start_session()
        else:
            self.env["DBUS_SESSION_BUS_ADDRESS"] = f"unix:path={self.home}/no-bus"

    @property
    def data(self) -> Path:
        return Path(self.env["XDG_DATA_HOME"]) / "Induct"

    def _start_session(self) -> None:
        env = {**os.environ, **self.env}
        bus = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--print-address=1"],
            stdout=subprocess.PIPE,
            env=env,
        )
        self._processes.append(bus)
        assert bus.stdout is not None
        address = bus.stdout.readline().decode().strip()
        if not address:
            pytest.fail(f"{self.name}: dbus-daemon did not start", pytrace=False)
        self.env["DBUS_SESSION_BUS_ADDRESS"] = address
        env["DBUS_SESSION_BUS_ADDRESS"] = address
        keyring = subprocess.Popen(
            ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        self._processes.append(keyring)
        assert keyring.stdin is not None
        keyring.stdin.write(KEYRING_PASSWORD)
        keyring.stdin.close()
        for _ in range(100):
            answer = subprocess.run(
                [
                    "dbus-send",
                    "--session",
                    "--print-reply",
                    "--dest=org.freedesktop.DBus",
                    "/org/freedesktop/DBus",
                    "org.freedesktop.DBus.NameHasOwner",
                    "string:org.freedesktop.secrets",
                ],
                capture_output=True,
                text=True,
                env=env,
                timeout=10,
            )
            if "boolean true" in answer.stdout:
                return
            time.sleep(0.1)
        pytest.fail(f"{self.name}: the Secret Service did not start", pytrace=False)

    def induct(
        self, *args: str | Path, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        """Run `induct` on this computer, as a person would at its keyboard."""
        return subprocess.run(
            [sys.executable, "-m", "app", *map(str, args)],
            capture_output=True,
            text=True,
            env={**os.environ, **self.env, **(env or {})},
            timeout=180,
        )

    @contextlib.contextmanager
    def inside(self, monkeypatch: pytest.MonkeyPatch) -> Iterator[Computer]:
        """This test process uses this computer's data folder and Secret Service."""
        with monkeypatch.context() as patch:
            for name, value in self.env.items():
                patch.setenv(name, value)
            yield self

    def close(self) -> None:
        for process in reversed(self._processes):
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
            if process.stdout is not None:
                process.stdout.close()


@pytest.fixture
def computers(tmp_path: Path) -> Iterator[dict[str, Computer]]:
    """The laptop and the office (root) computer, and a clean verifier with no keyring."""
    made: dict[str, Computer] = {}
    try:
        for name in ("laptop", "office"):
            made[name] = Computer(tmp_path / "computers", name)
        made["verifier"] = Computer(tmp_path / "computers", "verifier", secret_service=False)
        yield made
    finally:
        for computer in made.values():
            computer.close()
