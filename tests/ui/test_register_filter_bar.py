"""The register's filter bar at any width: its controls wrap onto more rows instead of
running past the window's edge."""

from __future__ import annotations

from app.ui.register.filters import FilterBar


def shown_bar(qtbot, width: int) -> FilterBar:
    bar = FilterBar()
    qtbot.addWidget(bar)
    bar.resize(width, bar.heightForWidth(width))
    bar.show()
    qtbot.waitExposed(bar)
    return bar


def rows_of_choices(bar: FilterBar) -> int:
    """On how many rows the organisation, role, status and version choices are."""
    combos = (bar.organisation, bar.role, bar.status, bar.version)
    return len({combo.mapTo(bar, combo.rect().topLeft()).y() for combo in combos})


def test_the_choices_share_one_row_when_there_is_room(qtbot) -> None:
    assert rows_of_choices(shown_bar(qtbot, 1400)) == 1


def test_in_a_narrow_window_every_choice_stays_inside_it(qtbot) -> None:
    """400 px wide, narrower than the four choices side by side: none reaches past 400 px
    (they wrap onto more rows)."""
    bar = shown_bar(qtbot, 400)
    combos = (bar.organisation, bar.role, bar.status, bar.version)
    assert max(combo.mapTo(bar, combo.rect().topRight()).x() for combo in combos) < 400
