"""QR codes for badges: encoded with segno, drawn by us as one filled path.

The badge token is upper-case alphanumerics and dots, so segno uses the compact
alphanumeric mode and the code stays at version 1 or 2 (21 or 25 modules) at error
level M. The mask is fixed instead of searched: any of the eight masks is valid QR and
decodes everywhere, and skipping the search makes encoding about five times faster.
Each token's path (in module units, horizontal runs merged into one rectangle) is cached.
"""

from __future__ import annotations

from functools import lru_cache

import segno
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of white border the standard asks for
FIXED_MASK = 2


@lru_cache(maxsize=1024)
def qr_matrix(token: str) -> tuple[bytes, ...]:
    code = segno.make(token, error="m", micro=False, boost_error=False, mask=FIXED_MASK)
    return tuple(bytes(row) for row in code.matrix)


@lru_cache(maxsize=1024)
def qr_path_ops(token: str) -> tuple[int, str]:
    """(modules per side, PDF path operators drawing the dark modules in module units,
    the origin at the bottom left of the symbol, y up)."""
    matrix = qr_matrix(token)
    size = len(matrix)
    ops = []
    for r, row in enumerate(matrix):
        y = size - 1 - r
        c = 0
        while c < size:
            if row[c]:
                start = c
                while c < size and row[c]:
                    c += 1
                ops.append(f"{start} {y} {c - start} 1 re")
            else:
                c += 1
    return size, " ".join(ops)


def draw_qr(canvas: Canvas, token: str, x: float, y: float, side: float) -> None:
    """Draw the symbol (without its quiet zone) in the square ``side`` at (x, y); the
    caller leaves ``QUIET_ZONE`` modules of white around it."""
    size, ops = qr_path_ops(token)
    module = side / size
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    canvas.addLiteral(f"{module:.4f} 0 0 {module:.4f} {x:.3f} {y:.3f} cm {ops} f")
    canvas.restoreState()


def modules_with_quiet_zone(token: str) -> int:
    return qr_path_ops(token)[0] + 2 * QUIET_ZONE
