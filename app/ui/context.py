"""What every page of the onboarding wizard shares: the pack, the session and saving."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.clock import Clock, local_now

if TYPE_CHECKING:  # the register's modules load when it is first used, not at start
    from app.core.onboarding.session import OnboardingSession, SessionStore
    from app.core.packs import Pack, PackCatalogue
    from app.core.register.register import Register


def _default_register() -> Register:
    from app.core.register.register import Register

    return Register()


if TYPE_CHECKING:
    from app.ui.register.inbox import InboxWatcher


@dataclass
class Services:
    """Platform services the wizard uses, passed in so tests can watch them.

    open_path receives a local file path to show in the system's viewer or file manager.
    register is the register of acknowledgements (by default in the data folder; the
    file is opened on first use).
    """

    catalogue: PackCatalogue
    store: SessionStore
    output_dir: Path
    clock: Clock = local_now
    open_path: Callable[[Path], bool | None] = field(default=lambda path: None)  # False: failed
    register: Register = field(default_factory=_default_register)
    # The register computer's watcher of the shared inbox folder (made by the main window).
    inbox: InboxWatcher | None = None


@dataclass
class OnboardingContext:
    services: Services
    pack: Pack | None = None
    session: OnboardingSession | None = None

    def require(self) -> tuple[Pack, OnboardingSession]:
        if self.pack is None or self.session is None:
            raise RuntimeError("no organisation chosen yet")
        return self.pack, self.session

    # Told of every save that fails (a sentence to show) and of the first that works
    # again (None); the session stays in memory meanwhile, so nothing typed is lost.
    save_listeners: list[Callable[[str | None], None]] = field(default_factory=list)
    unsaved: bool = False

    def save(self, finished: bool = False) -> bool:
        """Save the session; on failure tell the listeners and keep it in memory.

        A completed session is saved only with `finished` (the moment it is signed).
        """
        if self.session is None or (self.session.completed and not finished):
            return True
        try:
            self.services.store.save(self.session)
        except OSError as error:
            # Loaded when needed: the session module stays out of the start-up path.
            from app.core.onboarding.session import save_failure_message

            self.unsaved = True
            message = save_failure_message(error, self.services.store.folder)
            for listener in self.save_listeners:
                listener(message)
            return False
        if self.unsaved:
            self.unsaved = False
            for listener in self.save_listeners:
                listener(None)
        return True

    def forget_when_registered(self, session: OnboardingSession) -> Callable[[object], None]:
        """What to do once the register holds `session`'s acknowledgement: delete its file.

        The signed PDF and the register are the record from then on; the session's copy of
        the name, e-mail and answers would only sit in the data folder for good.
        """

        def forget(_result: object) -> None:
            with contextlib.suppress(OSError, ValueError):
                self.services.store.delete(session)

        return forget
