"""Fit a consent form on one sheet: one side if it can, else both sides, never clipped.

The body flows down two columns. The largest type size that fits one side of A4 wins;
if none does, the boxes to tick and the signatures go on side 1 and the information
overleaf, and if they still do not fit, long lists of options go two by two. A form too long even for that (an organisation with very many channels) simply
runs on: nothing is ever cut off. The choice is made once per form text and remembered.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.platypus import Flowable

from app.core.consent.form import ConsentForm
from app.documents.consent.geometry import SMALLEST
from app.documents.consent.layout import Spots, body, form_styles, header
from app.documents.consent.pages import _LayoutCanvas, lay_out
from app.documents.styles import Styles

MARKED = ("tick", "radio", "signature")


@dataclass(frozen=True)
class Plan:
    size: float  # body type size in points
    two_sided: bool  # marks and signatures on side 1, the information on side 2
    paired: bool = False  # long lists of options two by two across a column


PLANS = tuple(
    plan
    for sided in (False, True)
    for plan in (
        *(Plan(size, sided) for size in (9.0, 8.5, SMALLEST)),
        Plan(SMALLEST, sided, paired=True),
    )
)
_CHOSEN: dict[tuple[str, str], Plan] = {}


def fits(plan: Plan, pages: int, spots: Spots) -> bool:
    """One side; or two, with every box and signature on the first."""
    if not plan.two_sided:
        return pages == 1
    return pages == 2 and {s.page for s in spots.values() if s.kind in MARKED} == {0}


def plan_for(form: ConsentForm) -> Plan:
    """The first plan the form fits; the smallest two-sided one if none does."""
    key = (form.template.id, form.sha256)
    if key not in _CHOSEN:
        chosen = PLANS[-1]
        for plan in PLANS:
            spots: Spots = {}
            s = form_styles(plan.size)
            canv = lay_out(form, header(form, s), body(form, s, spots, plan.two_sided, plan.paired))
            if fits(plan, len(canv.layout_pages), spots):
                chosen = plan
                break
        _CHOSEN[key] = chosen
    return _CHOSEN[key]


def laid_out(
    form: ConsentForm,
    spots: Spots,
    record: Callable[[Styles], list[Flowable]] | None = None,
) -> _LayoutCanvas:
    """The form laid out on its sheet, `spots` filled in; a captured form's record after."""
    plan = plan_for(form)
    s = form_styles(plan.size)
    return lay_out(
        form,
        header(form, s),
        body(form, s, spots, plan.two_sided, plan.paired),
        record(s) if record else None,
    )
