"""Where Induct finds its bundled data and keeps the user's."""

from __future__ import annotations

from pathlib import Path

import platformdirs

from app import APP_NAME

_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def bundled_dir(name: str) -> Path:
    """The bundled folder `name` ("resources" or "forms").

    An installed wheel and the PyInstaller bundle carry it inside the package
    (`app/resources`); a source checkout has it beside the package.
    """
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise ValueError(f"not a bundled folder name: {name!r}")
    for candidate in (_PACKAGE_DIR / name, _PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"Induct's '{name}' folder is missing from {_PACKAGE_DIR}")


def bundled_packs_dir() -> Path:
    return bundled_dir("resources") / "packs"


def fonts_dir() -> Path:
    return bundled_dir("resources") / "fonts"


def data_dir() -> Path:
    """The user's Induct data folder (XDG_DATA_HOME moves it on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_packs_dir() -> Path:
    return data_dir() / "packs"


def sessions_dir() -> Path:
    return data_dir() / "sessions"


def default_output_dir() -> Path:
    """Where finished PDFs go unless the person picks another folder."""
    return Path(platformdirs.user_documents_dir()) / APP_NAME
