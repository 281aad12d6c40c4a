"""A reportlab Paragraph that breaks its lines once per width.

reportlab wraps the same paragraph several times while laying out a page: a KeepTogether
(and every heading kept with its next flowable) wraps its contents to measure them and the
frame wraps them again to place them; a table wraps its cells to size its rows and again to
draw them. Line breaking depends only on the width (the height only decides a split, which
reads the lines already broken), so the lines broken for a width are kept and reused.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph as _ReportlabParagraph


class Paragraph(_ReportlabParagraph):
    """reportlab's Paragraph, wrapped (lines broken) once for each width it is given."""

    _wrapped: tuple[float, float, float] | None = None  # width asked, width, height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        wrapped = self._wrapped
        # split() drops blPara when the paragraph must move on whole: then wrap anew.
        if wrapped is not None and wrapped[0] == availWidth and "blPara" in self.__dict__:
            self.width, self.height = wrapped[1], wrapped[2]
            return wrapped[1], wrapped[2]
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped = (availWidth, width, height)
        return width, height
