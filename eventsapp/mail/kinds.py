"""The automatic mails an organizer can reword: for each kind, its label, the placeholders
its text may use and its default subject and body (translatable: ``force_locale(lang)``
gives the Spanish default). An organizer's wording is a ``MailTemplate`` row; without one
the default goes out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

# {organisation}: the branding's organisation name in the recipient's language (the
# signature of every default text).
PERSON = (
    "given_name",
    "family_name",
    "full_name",
    "honorific",
    "event",
    "event_dates",
    "organisation",
)
REGISTRANT = PERSON + (
    "link",
    "agenda_link",
    "delegation",
    "seat_status",
    "role",
    "contact_email",
)


@dataclass(frozen=True)
class MailKind:
    key: str
    label: object
    placeholders: tuple[str, ...]
    subject: object
    body: object


def _kind(
    key: str, label: str, placeholders: Iterable[str], subject: object, body: object
) -> MailKind:
    return MailKind(key, label, tuple(placeholders), subject, body)


_FOOTER = _l(
    "View, change or cancel your registration (no account needed):\n{link}\n\n"
    "Kind regards,\n{event}\n{organisation}"
)

KINDS: dict[str, MailKind] = {
    k.key: k
    for k in (
        _kind(
            "received",
            _l("Registration received (waiting for approval)"),
            REGISTRANT,
            _l("Registration received: {event}"),
            _l(
                "Dear {given_name} {family_name},\n\nWe have received your registration for "
                "{event}. {seat_status}\n\n"
            ),
        ),
        _kind(
            "confirmed",
            _l("Registration confirmed"),
            REGISTRANT,
            _l("Registration confirmed: {event}"),
            _l("Dear {given_name} {family_name},\n\n{seat_status}\n\n"),
        ),
        _kind(
            "waitlisted",
            _l("On the waiting list"),
            REGISTRANT,
            _l("On the waiting list: {event}"),
            _l("Dear {given_name} {family_name},\n\n{seat_status}\n\n"),
        ),
        _kind(
            "promoted",
            _l("A seat became free (confirmed)"),
            REGISTRANT,
            _l("A seat is yours: {event}"),
            _l(
                "Dear {given_name} {family_name},\n\nA seat has become free at {event} and it "
                "is yours: your registration is confirmed.\n\n"
            ),
        ),
        _kind(
            "promoted_review",
            _l("Off the waiting list (to be reviewed)"),
            REGISTRANT,
            _l("Off the waiting list: {event}"),
            _l(
                "Dear {given_name} {family_name},\n\nA seat has become free at {event} and you "
                "have left the waiting list. The organizers will now review your registration "
                "and write to you.\n\n"
            ),
        ),
        _kind(
            "declined",
            _l("Registration declined"),
            REGISTRANT,
            _l("Registration declined: {event}"),
            _l(
                "Dear {given_name} {family_name},\n\nWe are sorry: your registration for "
                "{event} could not be accepted.\n\n"
            ),
        ),
        _kind(
            "cancelled",
            _l("Registration cancelled"),
            REGISTRANT,
            _l("Registration cancelled: {event}"),
            _l(
                "Dear {given_name} {family_name},\n\nYour registration for {event} has been "
                "cancelled.\n\n"
            ),
        ),
        _kind(
            "link",
            _l("A new personal link"),
            REGISTRANT,
            _l("A new link to your registration: {event}"),
            _l(
                "Dear {given_name} {family_name},\n\nHere is a new link to your registration "
                "for {event}. Links we sent you before no longer work. If you did not ask for "
                "it, you can ignore this message: nobody else has received the link.\n\n"
            ),
        ),
        _kind(
            "invitation",
            _l("Invitation to lead a delegation"),
            PERSON + ("delegation", "link", "days", "inviter"),
            _l("Invitation to lead the delegation {delegation}: {event}"),
            _l(
                "Dear {given_name} {family_name},\n\nThe organizers of {event} invite you to "
                "lead the delegation {delegation}.\n\nOpen this link to accept (it works once, "
                "for {days} days). If you already have an account with this address, you "
                "accept by signing in with it; otherwise you choose a password:\n{link}\n\n"
                "Kind regards,\n{event}\n{organisation}"
            ),
        ),
        _kind(
            "reminder_closing",
            _l("Reminder: registration closes soon"),
            REGISTRANT + ("closing_date",),
            _l("Registration closes on {closing_date}: {event}"),
            _l(
                "Dear {given_name} {family_name},\n\nRegistration for {event} closes on "
                "{closing_date}. Please open your personal link, check your details and "
                "confirm your registration.\n\n"
            ),
        ),
        _kind(
            "reminder_passport",
            _l("Reminder: passport data for the visa letter"),
            REGISTRANT,
            _l("Your passport details are missing: {event}"),
            _l(
                "Dear {given_name} {family_name},\n\nTo prepare your visa invitation letter "
                "for {event} we need your passport number and its expiry date. Please add them "
                "through your personal link.\n\n"
            ),
        ),
        _kind(
            "reminder_day_before",
            _l("Reminder: the day before the event"),
            REGISTRANT + ("venue",),
            _l("See you tomorrow: {event}"),
            _l(
                "Dear {given_name} {family_name},\n\n{event} starts tomorrow at {venue}. Your "
                "personal agenda is attached.\n\n"
            ),
        ),
        _kind(
            "reminder_after_event",
            _l("After the event: certificate ready"),
            REGISTRANT + ("certificate_link",),
            _l("Your certificate of attendance: {event}"),
            _l(
                "Dear {given_name} {family_name},\n\nThank you for attending {event}. Your "
                "certificate of attendance is ready:\n{certificate_link}\n\n"
            ),
        ),
    )
}

# Kinds whose default body ends with the personal-link footer.
WITH_FOOTER = {k for k in KINDS if k != "invitation"}
# Kinds to someone who holds or waits for a seat: their agenda and the workshop sign-up.
WITH_AGENDA = {"received", "confirmed", "waitlisted", "promoted", "promoted_review", "link"}
_AGENDA = _l("Your agenda, and sign-up for the workshops:")
GROUP_PLACEHOLDERS = REGISTRANT


def default_text(kind: str) -> tuple[str, str]:
    """The default subject and body of ``kind`` in the current locale."""
    spec = KINDS[kind]
    body = str(spec.body)
    if kind in WITH_AGENDA:
        body += f"{_AGENDA}\n{{agenda_link}}\n\n"
    if kind in WITH_FOOTER:
        body += str(_FOOTER)
    return str(spec.subject), body
