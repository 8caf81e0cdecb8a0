"""A QR code as a vector flowable (segno encodes, reportlab draws the dark modules), for the
verification link printed on letters and certificates."""

from __future__ import annotations

import segno
from reportlab.platypus import Flowable

QUIET_ZONE = 4  # modules of white border the standard asks for


class QrCode(Flowable):
    """``data`` as a QR code ``side`` points wide, quiet zone included."""

    def __init__(self, data: str, side: float) -> None:
        super().__init__()
        self.matrix = [bytes(row) for row in segno.make(data, error="m").matrix]
        self.side = side
        self.width = self.height = side

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.side, self.side

    def draw(self) -> None:
        size = len(self.matrix)
        module = self.side / (size + 2 * QUIET_ZONE)
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColorRGB(0, 0, 0)
        for r, row in enumerate(self.matrix):
            y = (size - 1 - r + QUIET_ZONE) * module
            c = 0
            while c < size:
                if row[c]:
                    start = c
                    while c < size and row[c]:
                        c += 1
                    x = (start + QUIET_ZONE) * module
                    canvas.rect(x, y, (c - start) * module, module, stroke=0, fill=1)
                else:
                    c += 1
        canvas.restoreState()
