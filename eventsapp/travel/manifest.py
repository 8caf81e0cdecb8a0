"""The arrivals manifest's words and groups: arrival lines (reports.py) into the
``Manifest`` the PDF renderer draws, translated in the language asked for."""

from __future__ import annotations

from itertools import groupby

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from eventsapp.documents.labels import page_of
from eventsapp.events.models import Event
from eventsapp.i18n import fmt_date, localized
from eventsapp.travel.manifest_pdf import (
    Manifest,
    ManifestDay,
    ManifestHour,
    ManifestRow,
)
from eventsapp.travel.reports import ArrivalLine


def _count(n: int) -> str:
    return ngettext("%(num)d arrival", "%(num)d arrivals", n)


def _hour_heading(hour: int | None, n: int) -> str:
    label = _("Time not given") if hour is None else f"{hour:02d}:00 – {hour:02d}:59"
    return f"{label} · {_count(n)}"


def _row(line: ArrivalLine) -> ManifestRow:
    return ManifestRow(
        time=line.time.strftime("%H:%M") if line.time else "",
        name=line.name,
        delegation=line.delegation,
        flight=" ".join(part for part in (line.carrier, line.flight) if part),
        airport=line.airport,
        hotel=line.hotel,
        phone=line.phone,
    )


def manifest_of(event: Event, lines: list[ArrivalLine], *, lang: str, paper: str) -> Manifest:
    with force_locale(lang):
        days: list[ManifestDay] = []
        for day, in_day in groupby(lines, key=lambda line: line.day):
            day_lines = list(in_day)
            hours = [
                ManifestHour(_hour_heading(hour, len(rows := list(group))), [_row(r) for r in rows])
                for hour, group in groupby(
                    day_lines, key=lambda line: line.time.hour if line.time else None
                )
            ]
            heading = f"{fmt_date(day, 'day', lang=lang)} · {_count(len(day_lines))}"
            days.append(ManifestDay(heading, hours))
        return Manifest(
            title=_("Arrivals: %(event)s", event=localized(event, "title", lang)),
            subtitle=_(
                "For the shuttle desk: everyone holding a seat who gave an arrival date, by "
                "day and hour of arrival (local time). %(count)s in all.",
                count=_count(len(lines)),
            ),
            columns=(
                _("Time"),
                _("Name"),
                _("Delegation"),
                _("Flight"),
                _("Airport"),
                _("Hotel"),
                _("Phone"),
            ),
            days=days,
            empty=_("Nobody has given an arrival date yet."),
            footer=page_of(),
            lang=lang,
            paper=paper,
        )
