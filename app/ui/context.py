"""What every page of the onboarding wizard shares: the pack, the session and saving."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from app.core.clock import Clock, local_now
from app.core.onboarding.session import OnboardingSession, SessionStore
from app.core.packs import Pack, PackCatalogue
from app.core.register.register import Register

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
    open_path: Callable[[Path], None] = field(default=lambda path: None)
    register: Register = field(default_factory=Register)
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

    def save(self) -> None:
        if self.session is not None and not self.session.completed:
            self.services.store.save(self.session)
