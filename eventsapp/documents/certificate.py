"""The certificate of attendance's content: the person, the event, every attended session
with its hours and CLE hours (eligibility.py: only attended sessions that have ended), the
CLE provider and its accreditation number, serial number, issue date, signatory and the
verification link. In the event's letter language (both: one page after the other)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from babel.numbers import format_decimal
from flask_babel import force_locale
from flask_babel import gettext as _

from eventsapp.agenda.models import AgendaSession
from eventsapp.documents.countries import country_name
from eventsapp.documents.data import Certificate, CertificateLine
from eventsapp.documents.eligibility import attended_sessions
from eventsapp.documents.models import IssuedDocument
from eventsapp.documents.visa import letter_languages, passport_name, verify_url
from eventsapp.events.branding import Branding, branding_for
from eventsapp.events.models import Event
from eventsapp.i18n import fmt_date, fmt_date_range, localized
from eventsapp.registration.models import Registration


def _hours(value: Decimal | float, lang: str) -> str:
    return format_decimal(value, "0.##", locale=lang)


def _place(event: Event, lang: str) -> str:
    country = country_name(event.venue_country, lang) if event.venue_country else ""
    return ", ".join(p for p in (event.venue_name, event.venue_city, country) if p)


def _one(
    event: Event,
    registration: Registration,
    document: IssuedDocument,
    branding: Branding,
    sessions: Sequence[AgendaSession],
    lang: str,
) -> Certificate:
    total_hours = sum((Decimal(s.duration_minutes) / 60 for s in sessions), Decimal(0))
    total_cle = sum((s.cle_hours or Decimal(0) for s in sessions), Decimal(0))
    title = localized(event, "title", lang)
    organisation = branding.name(lang) or title
    place = _place(event, lang)
    dates = fmt_date_range(event.start_date, event.end_date, lang)
    statement = (
        _(
            "attended %(event)s, held in %(place)s, %(dates)s.",
            event=title,
            place=place,
            dates=dates,
        )
        if place
        else _("attended %(event)s, %(dates)s.", event=title, dates=dates)
    )
    cle = []
    if event.cle_provider:
        cle.append(_("CLE provider: %(provider)s", provider=event.cle_provider))
    if event.cle_accreditation:
        cle.append(_("Accreditation number: %(number)s", number=event.cle_accreditation))
    url = verify_url(document)
    return Certificate(
        organisation=organisation,
        logo=branding.logo,
        color=branding.primary_color,
        accent=branding.accent_color,
        heading=_("Certificate of attendance"),
        lead=_("This is to certify that"),
        name=passport_name(registration),
        statement=statement,
        columns=(_("Date"), _("Session"), _("Hours"), _("CLE hours")),
        lines=[
            CertificateLine(
                date=fmt_date(s.starts_at, "medium", event.timezone, lang),
                title=localized(s, "title", lang),
                hours=_hours(Decimal(s.duration_minutes) / 60, lang),
                cle_hours=_hours(s.cle_hours, lang) if s.cle_hours is not None else "—",
            )
            for s in sessions
        ],
        totals=(_("Total"), _hours(total_hours, lang), _hours(total_cle, lang)),
        source_note=_("Attendance source: check-in records at each session."),
        cle_note=" · ".join(cle),
        empty_text=_("Attendance at the event was recorded; no session attendance."),
        signatory_name=branding.signatory_name,
        signatory_title=branding.signatory_title,
        signature=branding.signature,
        serial_label=_("Serial number: %(serial)s", serial=document.reference),
        issued_label=_(
            "Issued on %(date)s",
            date=fmt_date(event.local_date(document.issued_at), "long", lang=lang),
        ),
        reference=document.reference,
        verify_url=url,
        reference_line=_("Verify this certificate at %(url)s or by scanning the code.", url=url),
        lang=lang,
    )


def certificates(
    event: Event,
    registration: Registration,
    document: IssuedDocument,
    now: datetime,
    branding: Branding | None = None,
) -> list[Certificate]:
    """The certificate of ``registration``, one per language of the event's setting
    (``branding``: the event's, when the caller already has it)."""
    branding = branding or branding_for(event)
    sessions = attended_sessions(registration, now)
    result = []
    for lang in letter_languages(event):
        with force_locale(lang):
            result.append(_one(event, registration, document, branding, sessions, lang))
    return result
