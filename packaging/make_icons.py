"""Make the platform icons from resources/icons/induct.svg (run after changing the SVG).

Writes packaging/linux/icons/<size>/org.induct.Induct.png, packaging/windows/induct.ico and
packaging/macos/induct.icns. Needs only Qt (to draw the SVG) and Pillow (to pack them).
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image

from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "induct.svg"
LINUX_SIZES = (16, 32, 48, 64, 128, 256, 512)


def render(size: int) -> Image.Image:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(SVG)).render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGBA")


def main() -> int:
    QGuiApplication(sys.argv)
    for size in LINUX_SIZES:
        target = ROOT / "packaging" / "linux" / "icons" / f"{size}x{size}" / "org.induct.Induct.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        render(size).save(target)
    big = render(1024)
    big.save(
        ROOT / "packaging" / "windows" / "induct.ico",
        sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)],
    )
    big.save(ROOT / "packaging" / "macos" / "induct.icns")
    print("icons written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
