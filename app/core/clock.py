"""The time, always with its UTC offset, as evidence needs it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

Clock = Callable[[], datetime]


def local_now() -> datetime:
    """Now, in local time with the UTC offset attached."""
    return datetime.now().astimezone()


def iso_time(moment: datetime) -> str:
    """ISO 8601 with seconds and offset: 2026-11-21T18:04:05+00:00."""
    if moment.tzinfo is None:
        raise ValueError("a timestamp needs its UTC offset")
    return moment.isoformat(timespec="seconds")


def readable(iso: str) -> str:
    """21 Nov 2026, 18:04:05 (UTC+00:00), for people rather than machines."""
    moment = datetime.fromisoformat(iso)
    offset = moment.strftime("%z")
    return f"{moment:%d %b %Y, %H:%M:%S} (UTC{offset[:3]}:{offset[3:]})"
