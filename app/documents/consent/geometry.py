"""Where things go on a consent form's A4 page: margins, columns, the footer's QR code."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

PAGE_W, PAGE_H = A4
MARGIN_X = 12 * mm
MARGIN_TOP = 9 * mm
QR_SIZE = 20 * mm
QR_Y = 5 * mm
# The footer's two lines run under the left column, the QR code sits under the right:
# the left column reaches lower than the right one and than full-width frames.
MARGIN_BOTTOM = QR_Y + QR_SIZE + 2 * mm
FOOT_LEFT = 19 * mm  # the bottom of the left column
FOOT_RULE = 17.5 * mm
FOOT_STAMP = 13.5 * mm  # baseline of the template stamp
FOOT_ID = 9 * mm  # baseline of the form ID and page number
TEXT_WIDTH = PAGE_W - 2 * MARGIN_X
COLUMN_GAP = 6 * mm
COLUMN_W = (TEXT_WIDTH - COLUMN_GAP) / 2  # the body flows down two columns
HEADER_ROOM = 56 * mm  # page 1, top right: where the form ID is printed
SMALLEST = 8  # pt: no text on a form is smaller
