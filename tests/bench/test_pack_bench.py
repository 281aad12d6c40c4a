"""Benchmark: a page turn in the wizard with a 200-section pack against the same pack's 11.

The baseline is the wizard itself on the pack as shipped: a page turn should not cost more
because the pack is long. Each run makes a fresh wizard, chooses the organisation (timed:
that builds the pages), fills in who you are, then ticks and turns nine section pages
(each turn timed, from the click on Next until the next page has painted). Nine, as each of
those turns does the same in both packs: it opens a section page and builds the one after
it; the shipped pack's tenth turn would open its last section, whose next page (the quiz)
is built already, so it would be a lighter turn on the baseline's side only. Runs
alternate between the two packs, seven of each, after one warm-up run of each.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.core import paths
from app.core.onboarding import flow
from app.core.onboarding.session import SessionStore
from app.core.packs import discover_packs
from app.core.register.register import Register
from app.ui.context import Services
from app.ui.pages.section import SectionPage
from app.ui.wizard import OnboardingWizard
from tests.ui.driver import NEXT, click, fill_identity

# Seven runs of each pack, alternating; a run's figure is the median of its nine turns, so
# one turn that meets a garbage collection or the coalesced autosave does not move it.
RUNS = max(7, int(os.environ.get("INDUCT_BENCH_RUNS", "7")))
TURNS = 9  # the shipped pack has 11 sections: 9 turns that each build the next page
BIG = 200


def long_pack(root: Path, sections: int) -> Path:
    """The IET pack with sections added (copies of its introduction) up to `sections`."""
    folder = root / f"packs-{sections}" / "iet"
    shutil.copytree(paths.bundled_packs_dir() / "iet", folder)
    toml = folder / "pack.toml"
    text = toml.read_text(encoding="utf-8")
    have = len(re.findall(r"^\[\[sections\]\]", text, flags=re.M))
    extra = "".join(
        f'[[sections]]\nid = "extra-{n}"\nnumber = "{100 + n}"\ntitle = "Further reading {n}"\n'
        f'file = "policy/00-introduction.md"\n\n'
        for n in range(sections - have)
    )
    toml.write_text(text.replace("[disclaimer]", extra + "[disclaimer]", 1), encoding="utf-8")
    return folder.parent


def one_run(qtbot, root: Path, tmp: Path) -> tuple[float, float]:
    """(ms to choose the organisation, median ms of a section page turn)."""
    services = Services(
        catalogue=discover_packs([root]),
        store=SessionStore(tmp / "sessions"),
        output_dir=tmp,
        register=Register(tmp / "register.sqlite"),
    )
    wizard = OnboardingWizard(services)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    page = wizard.organisation_page
    click(qtbot, page.pack_buttons.button(0))
    began = time.perf_counter()
    click(qtbot, wizard.button(NEXT))
    qtbot.waitUntil(lambda: wizard.current_key() == flow.IDENTITY)
    QApplication.processEvents()
    choose = (time.perf_counter() - began) * 1000
    fill_identity(qtbot, wizard, name="Siân Llewelyn-Jones", role="Volunteer")
    click(qtbot, wizard.button(NEXT))
    qtbot.waitUntil(lambda: wizard.current_key().startswith(flow.SECTION_PREFIX))
    turns = []
    for _ in range(TURNS):
        click(qtbot, wizard.currentPage().understood)
        before = wizard.current_key()
        began = time.perf_counter()
        click(qtbot, wizard.button(NEXT))
        qtbot.waitUntil(lambda b=before: wizard.current_key() != b)
        QApplication.processEvents()
        turns.append((time.perf_counter() - began) * 1000)
    # The last timed turn, like the others, built the section page after the one it opened.
    assert isinstance(wizard.page(wizard.nextId()), SectionPage)
    wizard.close()
    return choose, statistics.median(turns)


def test_page_turns_with_200_sections_against_the_shipped_pack(
    qtbot, record_ratio, tmp_path: Path
) -> None:
    """Page turn and organisation choice, 200 sections against 11, alternating."""
    small, big = long_pack(tmp_path, 11), long_pack(tmp_path, BIG)
    assert len(discover_packs([big]).packs["iet"].sections) == BIG
    runs: dict[Path, list[tuple[float, float]]] = {small: [], big: []}
    for number in range(RUNS + 1):
        for root in (small, big):
            run_dir = tmp_path / f"run-{number}-{root.name}"
            run_dir.mkdir()
            result = one_run(qtbot, root, run_dir)
            if number:  # the first of each warms Qt's caches (fonts, styles)
                runs[root].append(result)
    theirs = "the same wizard on the pack as shipped (11 sections)"
    record_ratio(
        f"wizard, {BIG}-section pack: page turn",
        f"Induct (each run: the median of its {TURNS} turns)",
        [turn for _, turn in runs[big]],
        theirs,
        [turn for _, turn in runs[small]],
        target="≤ 1.2×",
    )
    record_ratio(
        f"wizard, {BIG}-section pack: choosing the organisation",
        "Induct",
        [choose for choose, _ in runs[big]],
        theirs,
        [choose for choose, _ in runs[small]],
    )
