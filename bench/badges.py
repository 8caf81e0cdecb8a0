"""Badge rendering benchmark, through the renderer print runs use (reportlab's public
``Canvas``, which keeps every page until ``save()``): 1,000 badges on avery-5392 with QR
codes and the embedded fonts (the fallback chain on: a quarter of the names in Arabic,
Hebrew, Devanagari or CJK) beside the same without QR codes (the floor), then 10,000
badges written to a file on avery-5392 and on the one-per-page a6 stock printed duplex
(20,000 pages, the most memory a print run of 10,000 can take). Prints figures; asserts
nothing about time.

Each figure comes from a fresh process, so its peak resident memory (ru_maxrss) is its
own: "before" is the process with the app's modules and fonts loaded, "peak" the most it
held while rendering.

    .venv/bin/python bench/badges.py            # 1,000 + floor + 10,000 (two stocks)
    .venv/bin/python bench/badges.py --quick    # without the 10,000 runs
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
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
from eventsapp.fonts import register_fonts, runs, string_width, visual  # noqa: E402
from eventsapp.registration.models import RegistrationRole  # noqa: E402

BASELINE = (
    "target: <= 1.0 s per 1,000 badges with QR, <= 3x the floor (2 cores); "
    "10,000 badges within 200 MiB peak memory"
)
BUDGET_MIB = 200
# With the font fallback on: one name in four is in a script DejaVu cannot draw alone
# (Arabic, Devanagari, CJK) or right to left (Hebrew, Arabic).
GIVEN = ["María José", "Wolfgang", "Zoë", "Łukasz", "Ana", "Jean-Baptiste", "Nguyễn", "Íñigo"]
GIVEN += ["لطيفة", "अनीता", "小明", "שרה"]
FAMILY = ["Núñez", "Müller-Lüdenscheidt", "Ångström", "Dvořák", "Smith", "de la Fuente"]
FAMILY += ["السلامي", "शर्मा", "김민준", "כהן"]
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
    for cached in (fit_text, unit_width, qr_matrix, qr_path_ops, visual, runs, string_width):
        cached.cache_clear()


def _render(count: int, with_qr: bool, layout: str, duplex: bool, path: str) -> tuple:
    """(wall-clock seconds, CPU seconds): on a shared machine the CPU time is the steadier."""
    _cold_caches()
    gc.collect()
    started, cpu = time.perf_counter(), time.process_time()
    with open(path, "wb") as out:
        render_badges(badges(count, with_qr), LAYOUTS[layout], out, duplex=duplex)
    return time.perf_counter() - started, time.process_time() - cpu


def _max_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def child(count: int, with_qr: bool, layout: str, duplex: bool, repeat: int) -> None:
    """One figure, measured in this (fresh) process; prints it as JSON."""
    register_fonts()
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "badges.pdf")
        _render(60, with_qr, layout, duplex, path)  # warm-up: imports, font parsing
        before = _max_rss_mib()
        elapsed, cpu = min(_render(count, with_qr, layout, duplex, path) for _ in range(repeat))
        figure = {
            "elapsed": elapsed,
            "cpu": cpu,
            "before": before,
            "peak": _max_rss_mib(),
            "file": os.path.getsize(path) / 2**20,
        }
    print(json.dumps(figure))


def run(label: str, count: int, with_qr: bool, layout: str, duplex: bool = False) -> dict:
    arguments = [sys.executable, os.path.abspath(__file__), "--child", str(count), layout]
    arguments += ["--qr"] if with_qr else []
    arguments += ["--duplex"] if duplex else []
    arguments += ["--repeat", "3" if count <= 1000 else "1"]  # best of three when short
    output = subprocess.run(arguments, check=True, capture_output=True, text=True).stdout
    figure = json.loads(output.strip().splitlines()[-1])
    sheets = -(-count // LAYOUTS[layout].per_page)
    pages = sheets * (2 if duplex else 1)
    print(
        f"{label:<28} {count:>6} badges {pages:>6} pages {figure['elapsed']:7.2f} s"
        f" (cpu {figure['cpu']:6.2f} s) {pages / figure['elapsed']:6.1f} pages/s"
        f"  peak {figure['peak']:6.1f} MiB"
        f" (+{figure['peak'] - figure['before']:5.1f} over {figure['before']:5.1f})"
        f"  file {figure['file']:5.1f} MiB",
        flush=True,
    )
    return figure


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("COUNT", "LAYOUT"))
    parser.add_argument("--qr", action="store_true")
    parser.add_argument("--duplex", action="store_true")
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    if args.child:
        count, layout = args.child
        child(int(count), args.qr, layout, args.duplex, args.repeat)
        return
    print(BASELINE)
    floor = run("avery-5392 without QR", 1000, False, "avery-5392")
    with_qr = run("avery-5392 with QR", 1000, True, "avery-5392")
    print(
        f"QR cost: {with_qr['elapsed'] / floor['elapsed']:.2f}x the floor (wall clock),"
        f" {with_qr['cpu'] / floor['cpu']:.2f}x (CPU time)"
    )
    if args.quick:
        return
    run("avery-5392 with QR", 10000, True, "avery-5392")
    worst = run("a6 duplex with QR", 10000, True, "a6", duplex=True)
    growth = worst["peak"] - worst["before"]
    print(
        f"largest run: the process peaks at {worst['peak']:.1f} MiB"
        f" ({_verdict(worst['peak'])}), of which the render took {growth:.1f} MiB"
        f" ({_verdict(growth)})"
    )


def _verdict(mib: float) -> str:
    return f"{'within' if mib <= BUDGET_MIB else 'over'} {BUDGET_MIB} MiB"


if __name__ == "__main__":
    main()
