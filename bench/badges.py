"""Badge rendering benchmark: 1,000 badges on avery-5392 with QR codes and the embedded
font, the same without QR codes (the floor), and 10,000 badges streamed to a file to show
memory. Prints figures; asserts nothing about time.

Each sheet is written to the file as soon as it is drawn (``StreamingCanvas``), so the
peak stays flat; what still grows from 1,000 to 10,000 badges is the bounded per-text and
QR caches filling up (at most 4,096 fitted texts, 2,048 widths and 1,024 QR codes).

    .venv/bin/python bench/badges.py            # 1,000 + floor + 10,000
    .venv/bin/python bench/badges.py --quick    # without the 10,000 run
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import tempfile
import time
import tracemalloc
from dataclasses import replace

HERE = os.path.dirname(os.path.abspath(__file__))
# bench/ holds an http.py that would shadow the standard library's http package.
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != HERE]
sys.path.insert(0, os.path.dirname(HERE))

from eventsapp.badges.content import BadgeData, fit_text, unit_width  # noqa: E402
from eventsapp.badges.layouts import LAYOUTS  # noqa: E402
from eventsapp.badges.qr import qr_matrix, qr_path_ops  # noqa: E402
from eventsapp.badges.render import render_badges  # noqa: E402
from eventsapp.badges.tokens import make_badge_token  # noqa: E402
from eventsapp.fonts import register_fonts  # noqa: E402
from eventsapp.registration.models import RegistrationRole  # noqa: E402

BASELINE = "target: <= 1.0 s per 1,000 badges with QR, <= 3x the floor (2 cores)"
GIVEN = ["María José", "Wolfgang", "Zoë", "Łukasz", "Ana", "Jean-Baptiste", "Nguyễn", "Íñigo"]
FAMILY = ["Núñez", "Müller-Lüdenscheidt", "Ångström", "Dvořák", "Smith", "de la Fuente"]
ROLES = list(RegistrationRole)


def badges(count: int, with_qr: bool = True):
    """Distinct people (so nothing is served from the per-text caches)."""
    for i in range(1, count + 1):
        badge = BadgeData(
            registration_id=i,
            given_name=f"{GIVEN[i % len(GIVEN)]} {i}",
            family_name=f"{FAMILY[i % len(FAMILY)]} {i * 7}",
            position="Deputy Attorney General",
            affiliation=f"Office of the Attorney General {i % 50}",
            delegation=f"Delegation {i % 40}",
            role=ROLES[i % len(ROLES)],
            event_name="Western Attorneys General Summit",
            event_dates="March 9 – 10, 2027",
            qr_token=make_badge_token("bench-secret-" * 3, i, 1) if with_qr else None,
        )
        yield badge if with_qr else replace(badge, qr_token=None)


def _cold_caches() -> None:
    """Forget fitted names, widths and QR paths, so each run pays for all of them."""
    for cached in (fit_text, unit_width, qr_matrix, qr_path_ops):
        cached.cache_clear()


def _render(count: int, with_qr: bool, path: str) -> float:
    _cold_caches()
    gc.collect()
    started = time.perf_counter()
    with open(path, "wb") as out:
        render_badges(badges(count, with_qr), LAYOUTS["avery-5392"], out)
    return time.perf_counter() - started


def run(count: int, with_qr: bool, path: str) -> tuple[float, int, int]:
    """Best of three untraced timings, then one run under tracemalloc for peak memory
    (tracing slows Python down a lot, so it is not timed)."""
    elapsed = min(_render(count, with_qr, path) for _ in range(3 if count <= 1000 else 1))
    tracemalloc.start()
    _render(count, with_qr, path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    pages = -(-count // LAYOUTS["avery-5392"].per_page)
    return elapsed, pages, peak


def report(label: str, count: int, elapsed: float, pages: int, peak: int, path: str) -> None:
    print(
        f"{label:<28} {count:>6} badges  {elapsed:6.3f} s  {pages / elapsed:7.1f} pages/s"
        f"  peak {peak / 2**20:6.1f} MiB  file {os.path.getsize(path) / 2**20:5.1f} MiB"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    register_fonts()
    print(BASELINE)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "badges.pdf")
        run(60, True, path)  # warm-up: imports, font parsing
        with_qr = run(1000, True, path)
        report("avery-5392 with QR", 1000, *with_qr, path)
        floor = run(1000, False, path)
        report("avery-5392 without QR", 1000, *floor, path)
        print(f"QR cost: {with_qr[0] / floor[0]:.2f}x the floor")
        if not args.quick:
            big = run(10000, True, path)
            report("avery-5392 with QR", 10000, *big, path)
            print(f"memory 10,000 vs 1,000: {big[2] / with_qr[2]:.2f}x (target <= 1.3x)")


if __name__ == "__main__":
    main()
