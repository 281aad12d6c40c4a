"""The onboarding wizard: the page sequence comes from app.core.onboarding.flow, every step is saved."""

from __future__ import annotations

import dataclasses
import importlib
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from app import APP_NAME
from app.core.onboarding import flow
from app.core.onboarding.session import Identity, OnboardingSession
from app.core.packs import Pack, Section
from app.ui.context import OnboardingContext, Services
from app.ui.pages.base import OnboardingPage
from app.ui.pages.checklist import ChecklistPage
from app.ui.pages.done import DonePage
from app.ui.pages.guardian import GuardianPage
from app.ui.pages.identity import IdentityPage
from app.ui.pages.organisation import OrganisationPage
from app.ui.pages.questionnaire import QuestionnairePage
from app.ui.pages.quiz import QuizPage
from app.ui.pages.review import ReviewPage
from app.ui.pages.section import SectionPage
from app.ui.pages.sign import SignPage
from app.ui.screen_fit import fit_to_screen
from app.ui.widgets.save_problem import SaveProblem
from app.ui.widgets.step_list import StepList
from app.ui.worker import run_in_background

FIXED_PAGES = {
    flow.ORGANISATION: 1,
    flow.IDENTITY: 2,
    flow.QUIZ: 10,
    flow.QUESTIONNAIRE: 11,
    flow.CHECKLIST: 12,
    flow.REVIEW: 13,
    flow.SIGN: 14,
    flow.GUARDIAN: 15,
    flow.DONE: 16,
}
FIRST_SECTION_ID = 100
# Saves are coalesced: a burst of typing or page turns is written once, this long after it.
SAVE_DELAY_MS = 200
RETURN_TO_REVIEW = QWizard.WizardButton.CustomButton1


def _preload_signing() -> None:
    """Load what making and signing the acknowledgement needs (reportlab, pyHanko, fonts:
    about a second on a slow machine), so pressing Sign does not wait for it."""
    importlib.import_module("app.signing.preload").warm_up()


class OnboardingWizard(QWizard):
    """Organisation → about you → each section → quiz → questionnaire → checklist → review →
    sign → done. Pages are thin; the order and the rules live in app.core."""

    def __init__(self, services: Services, parent=None) -> None:
        super().__init__(parent)
        self.ctx = OnboardingContext(services)
        self.setWindowTitle(APP_NAME)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButton, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, False)
        self.setButtonText(RETURN_TO_REVIEW, self.tr("Return to &review"))
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Next >"))
        self.button(RETURN_TO_REVIEW).setAccessibleName(self.tr("Return to check your answers"))
        self.customButtonClicked.connect(self._on_custom_button_clicked)
        fit_to_screen(self, 980, 720)

        self._key_to_id: dict[str, int] = dict(FIXED_PAGES)
        self._section_pages: list[int] = []  # built
        self._unbuilt: dict[int, Section] = {}  # page id → its section, built when next
        self._review_seen = False  # QWizard forgets visited pages on Back; we must not
        self._shown_steps: list[str] = []
        self._close_unsaved = False  # closing again after a failed save closes
        self._listed: list[str] = []  # the steps the progress list has items for
        self._keys_of: list[flow.Step] | None = None
        self._keys: list[str] = []
        self._steps_cache: tuple[Pack | None, Identity, list[flow.Step]] | None = None
        self._keys_by_id: dict[int, str] = {}
        self._preloaded = False
        self._first_controls: dict[int, QWidget | None] = {}
        self.steps_list = StepList()
        self.steps_list.setAccessibleName(self.tr("Your progress"))
        self.steps_list.setFocusPolicy(self.steps_list.focusPolicy().NoFocus)
        self.steps_list.setFixedWidth(min(240, self.width() // 4))  # room for large text
        self.steps_list.setWordWrap(True)
        self.steps_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # A failed autosave is said at once beside the steps, with a way to save elsewhere.
        self.save_problem = SaveProblem()
        self.save_problem.setFixedWidth(240)
        self.save_problem.folder_chosen.connect(self._on_save_folder_chosen)
        self.ctx.save_listeners.append(self.save_problem.show_problem)
        # Kept on self: setSideWidget does not take ownership, and Qt would lay out a
        # widget Python had already deleted.
        self._side = QWidget()
        side_layout = QVBoxLayout(self._side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.steps_list, 1)
        side_layout.addWidget(self.save_problem)
        self.setSideWidget(self._side)

        self.organisation_page = OrganisationPage(self.ctx)
        self.organisation_page.pack_chosen.connect(self.start_session)
        self.organisation_page.resume_requested.connect(self.resume)
        pages: dict[str, QWizardPage] = {
            flow.ORGANISATION: self.organisation_page,
            flow.IDENTITY: IdentityPage(self.ctx),
            flow.QUIZ: QuizPage(self.ctx),
            flow.QUESTIONNAIRE: QuestionnairePage(self.ctx),
            flow.CHECKLIST: ChecklistPage(self.ctx),
            flow.REVIEW: ReviewPage(self.ctx),
            flow.SIGN: SignPage(self.ctx),
            flow.GUARDIAN: GuardianPage(self.ctx),
            flow.DONE: DonePage(self.ctx),
        }
        for key, page in pages.items():
            self._add(key, page)
        self.review_page: ReviewPage = pages[flow.REVIEW]  # type: ignore[assignment]
        self.review_page.change_requested.connect(self.go_back_to)
        self.sign_page: SignPage = pages[flow.SIGN]  # type: ignore[assignment]
        self.sign_page.signed.connect(self._on_sign_page_signed)
        self.guardian_page: GuardianPage = pages[flow.GUARDIAN]  # type: ignore[assignment]
        self.guardian_page.signed.connect(self._on_sign_page_signed)
        self.guardian_page.setCommitPage(True)  # once signed, no Back to sign again

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.ctx.save)
        self.currentIdChanged.connect(self._on_current_id_changed)
        self._refresh_progress()

    # -- building -------------------------------------------------------------------------

    def _add(self, key: str, page: QWizardPage) -> None:
        self.setPage(self._key_to_id[key], page)
        if isinstance(page, OnboardingPage):
            page.changed.connect(self._schedule_save)
            page.changed.connect(self._refresh_progress_if_steps_changed)

    def _build_section_pages(self, pack: Pack) -> None:
        """Number the pack's section pages; each is built when it is next (_build_next)."""
        for page_id in self._section_pages:
            self.removePage(page_id)
        self._section_pages = []
        self._key_to_id = dict(FIXED_PAGES)
        self._keys_by_id = {}
        self._unbuilt = {}
        for index, section in enumerate(pack.sections):
            page_id = FIRST_SECTION_ID + index
            self._key_to_id[flow.section_key(section.id)] = page_id
            self._unbuilt[page_id] = section

    def _build_next(self) -> None:
        """Build the page after this one if it is a section page not built yet: a pack of
        200 sections costs no more to start than one of 12."""
        page_id = self.nextId()
        section = self._unbuilt.pop(page_id, None)
        if section is not None:
            self._section_pages.append(page_id)
            self._add(flow.section_key(section.id), SectionPage(self.ctx, section))

    # -- sessions -------------------------------------------------------------------------

    @Slot(object)
    def start_session(self, pack: Pack) -> None:
        """A new onboarding on `pack` (the organisation page's Next)."""
        if self.ctx.pack is not None and self.ctx.pack.id == pack.id and self.ctx.session:
            return
        self.ctx.pack = pack
        self.ctx.session = OnboardingSession.start(pack, self.ctx.services.clock)
        self._review_seen = False
        self._build_section_pages(pack)
        self.ctx.save()

    @Slot(object, object)
    def resume(self, pack: Pack, session: OnboardingSession) -> None:
        """Go back to exactly the step `session` was saved at."""
        self.ctx.pack = pack
        self.ctx.session = session
        self._build_section_pages(pack)
        target = self._key_to_id.get(session.current_step, FIXED_PAGES[flow.IDENTITY])
        self._review_seen = session.current_step in (flow.REVIEW, flow.SIGN)
        self.restart()
        self.next()  # leaves the organisation page; the pack is already set
        self._walk_forward_to(target)

    def _walk_forward_to(self, target: int) -> None:
        while self.currentId() != target:
            before = self.currentId()
            if not self.currentPage().isComplete():
                break
            self.next()
            if self.currentId() == before:
                break

    @Slot(str)
    def go_back_to(self, key: str) -> None:
        """From the review page, back to the step that holds an answer to change."""
        target = self._key_to_id[key]
        while self.currentId() != target and self.visitedIds() and self.currentId() != -1:
            before = self.currentId()
            self.back()
            if self.currentId() == before:
                break

    @Slot()
    def _on_sign_page_signed(self) -> None:
        self.next()

    # -- navigation -----------------------------------------------------------------------

    def steps(self) -> list[flow.Step]:
        """The steps for the pack and the answers so far; worked out again only when those
        change (Qt asks for the next page several times a turn, and a pack may be long)."""
        session = self.ctx.session
        identity = session.identity if session else Identity()
        cached = self._steps_cache
        if cached is not None and cached[0] is self.ctx.pack and cached[1] == identity:
            return cached[2]
        steps = flow.steps_for(self.ctx.pack, identity)
        self._steps_cache = (self.ctx.pack, dataclasses.replace(identity), steps)
        return steps

    def current_key(self) -> str:
        return self._id_to_key().get(self.currentId(), flow.ORGANISATION)

    def _id_to_key(self) -> dict[int, str]:
        if len(self._keys_by_id) != len(self._key_to_id):
            self._keys_by_id = {page_id: key for key, page_id in self._key_to_id.items()}
        return self._keys_by_id

    def nextId(self) -> int:  # noqa: N802 (Qt override)
        key = self.current_key()
        if key == flow.ORGANISATION:
            return FIXED_PAGES[flow.IDENTITY]
        steps = self._step_keys(self.steps())
        if key not in steps or steps.index(key) + 1 >= len(steps):
            return -1
        return self._key_to_id[steps[steps.index(key) + 1]]

    def initializePage(self, page_id: int) -> None:  # noqa: N802 (Qt override)
        super().initializePage(page_id)
        # Titled before it is shown: a title set after would lay the wizard out again,
        # the progress list with it, on every turn.
        steps = self.steps()
        number, total = flow.position(steps, self._id_to_key().get(page_id, ""))
        self._label_page(self.page(page_id), steps, number, total)
        # The control a page focuses as it opens; QWizard would otherwise focus whatever
        # comes first in the tab order (a "Change folder…" button before the name to sign).
        self._first_controls[page_id] = self.page(page_id).focusWidget()

    def _focus_first_control(self, page_id: int) -> None:
        control = self._first_controls.get(page_id)
        if page_id == self.currentId() and control is not None and control.isVisible():
            # styles draw focus frames only after a key moved the focus; a page that has
            # just opened must show where typing goes, too
            control.setFocus(Qt.FocusReason.TabFocusReason)
            self.setAttribute(Qt.WidgetAttribute.WA_KeyboardFocusChange, True)
            control.update()

    @Slot(int)
    def _on_current_id_changed(self, page_id: int) -> None:
        QTimer.singleShot(0, self, lambda: self._focus_first_control(page_id))
        session = self.ctx.session
        key = self.current_key()
        if session is not None and key not in (flow.ORGANISATION, flow.DONE):
            session.current_step = key
            self._schedule_save()  # coalesced: one write for quick page turns, not two each
        self._build_next()
        self._refresh_progress()
        if key == flow.REVIEW and not self._preloaded:
            self._preloaded = True  # while the person reads their answers
            run_in_background(_preload_signing, lambda _: None, _preload_failed, self)

    @Slot()
    def _refresh_progress_if_steps_changed(self) -> None:
        """An answer (role, under 18, runs an account) can add or remove steps."""
        if self._step_keys(self.steps()) != self._shown_steps:
            self._build_next()
            self._refresh_progress()

    def _refresh_progress(self) -> None:
        steps = self.steps()
        keys = self._step_keys(steps)
        self._shown_steps = keys
        key = self.current_key()
        number, total = flow.position(steps, key)
        if keys != self._listed or self.steps_list.count() != len(steps):
            self.steps_list.set_steps([step.title for step in steps])
            self._listed = keys
        # The marks are drawn, not stored: a turn costs the same with 12 sections or 200.
        self.steps_list.mark(number)
        page = self.currentPage()
        if page is not None:
            self._label_page(page, steps, number, total)
        if key == flow.REVIEW:
            self._review_seen = True
        show_return = self._review_seen and key not in (
            flow.REVIEW,
            flow.SIGN,
            flow.GUARDIAN,
            flow.DONE,
        )
        self.setOption(QWizard.WizardOption.HaveCustomButton1, show_return)

    def _label_page(
        self, page: QWizardPage, steps: list[flow.Step], number: int, total: int
    ) -> None:
        """The page's title and "Step N of M", set only when they change (each change lays
        the whole wizard out again)."""
        if not number:
            return
        if self.ctx.pack is None:  # how many steps depends on the organisation's policy
            subtitle = self.tr("Step 1: the steps that follow depend on your organisation's policy")
        else:
            subtitle = self.tr("Step %1 of %2").replace("%1", str(number)).replace("%2", str(total))
        if page.title() != steps[number - 1].title:
            page.setTitle(steps[number - 1].title)
        if page.subTitle() != subtitle:
            page.setSubTitle(subtitle)

    def _step_keys(self, steps: list[flow.Step]) -> list[str]:
        """The keys of `steps`, worked out once for each list of steps."""
        if self._keys_of is not steps:
            self._keys_of, self._keys = steps, [s.key for s in steps]
        return self._keys

    @Slot(int)
    def _on_custom_button_clicked(self, which: int) -> None:
        if which == RETURN_TO_REVIEW.value:
            self._walk_forward_to(FIXED_PAGES[flow.REVIEW])

    @Slot()
    def _schedule_save(self) -> None:
        self._save_timer.start()

    @Slot(object)
    def _on_save_folder_chosen(self, folder: Path) -> None:
        """Save from now on in `folder`, at once: the answers waiting in memory first."""
        self.ctx.services.store.folder = folder
        self.ctx.save()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        self._save_timer.stop()
        if not self.ctx.save() and not self._close_unsaved:
            # The answers exist only in this window: keep it open once, with the notice.
            self._close_unsaved = True
            event.ignore()
            return
        super().closeEvent(event)


def _preload_failed(error: BaseException) -> None:
    """Loading the signing code early failed: signing will say why; the log keeps it."""
    from app.core.problem_log import log_problem

    log_problem("Loading the signing code in advance failed", error)
