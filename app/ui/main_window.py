"""The home window: onboarding first, then the jobs of trustees and officers.

Each window behind a button is imported when first opened, not at start: the home
window paints first, and the rest of the app loads only as it is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Slot
from PySide6.QtGui import QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import (
    QLabel,
    QLayout,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, __version__
from app.ui.context import Services
from app.ui.screen_fit import fit_to_screen, scrollable
from app.ui.widgets.labels import BAD, esc
from app.ui.worker import run_in_background

if TYPE_CHECKING:
    from app.core.register.inbox import InboxScan  # only when the inbox is watched
    from app.ui.org_window import OrganisationWindow
    from app.ui.register.window import RegisterWindow
    from app.ui.verify_window import VerifyWindow
    from app.ui.wizard import OnboardingWizard


class Card(QPushButton):
    """A large button with a bold title and a line of explanation under it. It is as tall as
    its wrapped text needs at any width and text size, shows a clear ring when it has the
    keyboard focus, and Enter presses it as Space does."""

    def hasHeightForWidth(self) -> bool:  # noqa: N802 (Qt override)
        return True

    def _layout(self) -> QLayout:
        layout = self.layout()
        assert layout is not None  # set in __init__, before Qt asks for any size
        return layout

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        return self._layout().totalHeightForWidth(width)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        hint = self._layout().totalSizeHint()
        return QSize(hint.width(), self.heightForWidth(hint.width()))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt override)
        return self._layout().totalMinimumSize()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.isAutoRepeat():
            self.click()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        if self.hasFocus():
            painter = QPainter(self)
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), FOCUS_RING)
            painter.setPen(pen)
            half = FOCUS_RING // 2 + 1
            painter.drawRoundedRect(self.rect().adjusted(half, half, -half, -half), 4, 4)
            painter.end()


FOCUS_RING = 3  # px: a focus you can see from across the room, not a 1-px tint


def _big_button(text: str, detail: str) -> Card:
    button = Card()
    button.setAccessibleName(text)
    button.setAccessibleDescription(detail)
    policy = button.sizePolicy()
    policy.setHeightForWidth(True)
    policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)
    button.setSizePolicy(policy)
    inner = QVBoxLayout(button)
    inner.setContentsMargins(16, 10, 16, 10)
    title = QLabel(text)
    font = title.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.25)
    title.setFont(font)
    title.setWordWrap(True)
    explanation = QLabel(detail)
    explanation.setWordWrap(True)
    for label in (title, explanation):
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        inner.addWidget(label)
    return button


class MainWindow(QMainWindow):
    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.setWindowTitle(APP_NAME)
        self.wizard: OnboardingWizard | None = None
        self.verify_window: VerifyWindow | None = None
        self.consent_window: QWidget | None = None
        self.org_window: OrganisationWindow | None = None
        self.register_window: RegisterWindow | None = None

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        title = QLabel(f"<h1>{APP_NAME}</h1>")
        title.setAccessibleName(APP_NAME)
        layout.addWidget(title)
        self.due_notice = QLabel()
        self.due_notice.setTextFormat(Qt.TextFormat.RichText)
        self.due_notice.setAccessibleName(self.tr("Renewals due"))
        self.due_notice.linkActivated.connect(self.open_register)
        self.due_notice.hide()
        layout.addWidget(self.due_notice)
        # Policies past their next review date: trustees are told; nobody is stopped. The
        # packs are read after the first paint, off the UI thread (refresh_review_notice).
        self.review_notice = QLabel()
        self.review_notice.setWordWrap(True)
        self.review_notice.setAccessibleName(self.tr("Policies past their review date"))
        self.review_notice.hide()
        layout.addWidget(self.review_notice)
        self.onboarding_button = _big_button(
            self.tr("Onboarding"),
            self.tr(
                "Read your organisation's social media policy and sign your "
                "acknowledgement. Unfinished onboardings can be resumed."
            ),
        )
        self.onboarding_button.clicked.connect(self.open_onboarding)
        layout.addWidget(self.onboarding_button)
        self.verify_button = _big_button(
            self.tr("Check or countersign a signed PDF"),
            self.tr(
                "See who signed, whether anything changed since, and countersign as a trustee."
            ),
        )
        self.verify_button.clicked.connect(self.open_verify)
        layout.addWidget(self.verify_button)
        self.register_button = _big_button(
            self.tr("Register"),
            self.tr(
                "Who acknowledged which policy version, who is due to renew, and the "
                "countersign queue; import signed PDFs and export to CSV."
            ),
        )
        self.register_button.clicked.connect(self.open_register)
        layout.addWidget(self.register_button)
        self.org_button = _big_button(
            self.tr("Organisation keys"),
            self.tr(
                "For trustees: create the organisation root that issues trustees' "
                "certificates, and export the kit anyone can verify signatures with."
            ),
        )
        self.org_button.clicked.connect(self.open_organisation)
        layout.addWidget(self.org_button)
        self.consent_button = _big_button(
            self.tr("Consent forms"),
            self.tr(
                "Print publicity, quote and parent/guardian forms for an event, record "
                "consents with people in person, and record withdrawals."
            ),
        )
        self.consent_button.clicked.connect(self.open_consent)
        layout.addWidget(self.consent_button)
        layout.addStretch(1)
        footer = QLabel(
            self.tr("Induct %1 · works offline; nothing leaves this computer.").replace(
                "%1", __version__
            )
        )
        layout.addWidget(footer)
        self.setCentralWidget(scrollable(central))
        self._cards = layout
        self._fit()
        self.onboarding_button.setFocus()
        self._due_asked = False

        title.installEventFilter(self)  # its first paint: the window is on screen

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if not self._due_asked and event.type() == QEvent.Type.Paint:
            self._due_asked = True  # count the renewals due once the window has painted
            QTimer.singleShot(0, self.refresh_review_notice)
            QTimer.singleShot(0, self.refresh_due_notice)
            QTimer.singleShot(0, self._start_inbox)  # and look at the shared folder
        return super().eventFilter(watched, event)

    def _start_inbox(self) -> None:
        """On the register computer: import what appears in the shared inbox folder."""
        from app.ui.register.inbox import InboxWatcher

        if self.services.inbox is None:
            self.services.inbox = InboxWatcher(self.services, self)
            self.services.inbox.scanned.connect(self._on_inbox_scanned)
        self.services.inbox.start()

    def _on_inbox_scanned(self, scan: InboxScan) -> None:
        if scan.added:
            self.refresh_due_notice()

    @Slot()
    def refresh_review_notice(self) -> None:
        """Read the packs off the UI thread and name any policy past its review date."""
        services, today = self.services, self.services.clock().date()

        def overdue() -> list[str]:
            from app.core.packs import review_notices  # with the packs, after the first paint

            return review_notices(services.catalogue.packs.values(), today)

        run_in_background(
            overdue,
            self._show_review_notice,
            self._review_notice_failed,
            self,
        )

    def _review_notice_failed(self, error: BaseException) -> None:
        """Kept in the problem log: a pack that cannot be read is said where packs are chosen."""
        from app.core.problem_log import log_problem

        log_problem("The packs could not be read for the home window", error)

    def _fit(self) -> None:
        """Tall enough for every card at this width; smaller screens scroll."""
        fit_to_screen(self, max(self.width(), 720), self._cards.totalHeightForWidth(720) + 8)

    def _show_review_notice(self, overdue: list[str]) -> None:
        self.review_notice.setText("\n".join(overdue))
        self.review_notice.setVisible(bool(overdue))
        if overdue:
            self._fit()  # the notice came after the first paint: grow to show it all

    def refresh_due_notice(self) -> None:
        """Count, off the UI thread, the acknowledgements due for renewal; say so if any."""
        from app.ui.register.recording import pack_rules

        register, services = self.services.register, self.services
        today = self.services.clock().date()
        run_in_background(
            lambda: register.due_count(pack_rules(services), today),
            self._show_due_notice,
            self._show_register_problem,
            self,
        )

    def _show_register_problem(self, error: BaseException) -> None:
        """The register could not be read (a damaged file): say so where the notice goes."""
        from app.core.display import display_path
        from app.core.problem_log import log_path, log_problem

        log_problem("The register could not be read for the home window", error)
        self.due_notice.setText(
            f"<b style='color:{BAD}'>"
            + esc(
                self.tr("The register could not be read: %1. Details are in %2.")
                .replace("%1", str(error))
                .replace("%2", display_path(log_path()))
            )
            + "</b>"
        )
        self.due_notice.setVisible(True)

    def _show_due_notice(self, due: int) -> None:
        words = (
            self.tr("1 acknowledgement due for renewal")
            if due == 1
            else self.tr("%1 acknowledgements due for renewal").replace("%1", f"{due:,}")
        )
        self.due_notice.setText(
            f"<b style='color:{BAD}'>{esc(words)}</b> — "
            f"<a href='register'>{esc(self.tr('open the register'))}</a>"
        )
        self.due_notice.setVisible(due > 0)

    @Slot()
    def open_onboarding(self) -> OnboardingWizard:
        if self.wizard is None or not self.wizard.isVisible():
            from app.ui.wizard import OnboardingWizard

            self.wizard = OnboardingWizard(self.services)
        self.wizard.show()
        self.wizard.raise_()
        self.wizard.activateWindow()
        return self.wizard

    @Slot()
    def open_verify(self) -> VerifyWindow:
        if self.verify_window is None:
            from app.ui.verify_window import VerifyWindow

            self.verify_window = VerifyWindow()
            self.verify_window.countersigned.connect(self._on_verify_window_countersigned)
        self.verify_window.show()
        self.verify_window.raise_()
        self.verify_window.activateWindow()
        return self.verify_window

    @Slot(object)
    def _on_verify_window_countersigned(self, path) -> None:
        from app.ui.register.recording import record_countersignature

        record_countersignature(self, self.services, path)

    @Slot()
    def open_register(self) -> RegisterWindow:
        if self.register_window is None:
            from app.ui.register.window import RegisterWindow

            self.register_window = RegisterWindow(self.services)  # reads it when first shown
        else:
            self.register_window.reload()
        self.register_window.show()
        self.register_window.raise_()
        self.register_window.activateWindow()
        return self.register_window

    @Slot()
    def open_consent(self) -> QWidget:
        if self.consent_window is None:
            from app.ui.consent.window import ConsentWindow  # built on first use

            self.consent_window = ConsentWindow(self.services)
            fit_to_screen(self.consent_window, 1000, 760)
        self.consent_window.show()
        self.consent_window.raise_()
        self.consent_window.activateWindow()
        return self.consent_window

    @Slot()
    def open_organisation(self) -> OrganisationWindow:
        if self.org_window is None:
            from app.ui.org_window import OrganisationWindow

            self.org_window = OrganisationWindow(self.services)
        self.org_window.show()
        self.org_window.raise_()
        self.org_window.activateWindow()
        return self.org_window
