"""Audit entries as sentences: "Ana Ruiz checked in Iñaki Cortés at Front desk A",
"Room: Pacific Ballroom → Coronado Room".

The log stores ids (``object_id``, ``room_id`` in ``before``/``after``...). Each domain
registers how to name its records (``register_names``, from its ``labels`` module), the
translated labels of its field values (``register_values``) and how a search for a person
finds their records (``register_search``). ``describe`` then names a page of entries with
one query per kind of record on the page, however many entries there are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from eventsapp.audit.models import AuditEntry
from eventsapp.extensions import db
from eventsapp.i18n import fmt_datetime


@dataclass
class NameSource:
    kind: object  # a lazy label: "registration", "room"...
    model: type[Any]  # a mapped class with an ``id``
    label: Callable[[Any], str]
    options: tuple[Any, ...] = ()


NAMES: dict[str, NameSource] = {}
KEY_TYPES: dict[str, str] = {}  # "room_id" -> "Room": a field holding that record's id
VALUES: dict[str, dict[str, object]] = {}  # field -> stored value -> label
FORMATTERS: dict[str, Callable[[object], object]] = {}  # field -> stored value -> its text
SEARCHES: list[Callable[[int, str], dict[str, list[int]]]] = []


def register_names(
    type_name: str,
    kind: str,
    model: type[Any],
    label: Callable[[Any], str],
    *,
    keys: Iterable[str] = (),
    options: tuple[Any, ...] = (),
) -> None:
    NAMES[type_name] = NameSource(kind, model, label, options)
    for key in keys:
        KEY_TYPES[key] = type_name


def register_values(key: str, labels: Mapping[Any, object]) -> None:
    VALUES[key] = {getattr(k, "value", k): v for k, v in labels.items()}


def register_formatter(key: str, formatter: Callable[[object], object]) -> None:
    """A field whose stored values are too many to list (a set of roles...): ``formatter``
    turns one into its text, in the reader's language."""
    FORMATTERS[key] = formatter


def register_search(search: Callable[[int, str], dict[str, list[int]]]) -> None:
    """``search(event_id, text)`` -> {object type: ids of the records that text names}."""
    SEARCHES.append(search)


# The sentence of each action; %(who)s did it, %(what)s is the record it touched.
SENTENCES = {
    "create": _l("%(who)s created %(kind)s %(what)s"),
    "update": _l("%(who)s changed %(kind)s %(what)s"),
    "delete": _l("%(who)s deleted %(kind)s %(what)s"),
    "checkin": _l("%(who)s checked in %(what)s"),
    "checkin.undo": _l("%(who)s undid the check-in of %(what)s"),
    "checkin.reprint": _l("%(who)s reprinted the badge of %(what)s"),
    "checkin.attendance": _l("%(who)s recorded %(what)s at a session"),
    "checkin.attendance.undo": _l("%(who)s removed %(what)s from a session"),
    "approve": _l("%(who)s approved the registration of %(what)s"),
    "decline": _l("%(who)s declined the registration of %(what)s"),
    "cancel": _l("%(who)s cancelled the registration of %(what)s"),
    "send_link": _l("%(who)s sent the personal link to %(what)s"),
    "accept_join": _l("%(who)s accepted %(what)s into a delegation"),
    "refuse_join": _l("%(who)s refused %(what)s a place in a delegation"),
    "map_organization": _l("%(who)s mapped the organization of %(what)s"),
    "erase": _l("%(who)s erased the personal data of %(what)s"),
    "purge_personal_data": _l("%(who)s purged the event's personal data"),
    "publish": _l("%(who)s published %(what)s"),
    "unpublish": _l("%(who)s unpublished %(what)s"),
    "timezone_keep_clock_times": _l("%(who)s changed the time zone, keeping the clock times"),
    "workshop_signup": _l("%(who)s signed up for a workshop"),
    "workshop_cancel": _l("%(who)s cancelled a workshop place"),
    "workshop_promote": _l("%(who)s gave a workshop place from the waiting list"),
    "password_reset": _l("%(who)s reset their password"),
    "password_change": _l("%(who)s changed their password"),
    "grant": _l("%(who)s gave a role on the event"),
    "revoke": _l("%(who)s removed a role or an invitation"),
    "invite": _l("%(who)s sent an invitation"),
    "accept": _l("%(who)s accepted an invitation"),
    "rotate_join_code": _l("%(who)s made a new join code for %(what)s"),
    "confirm": _l("%(who)s confirmed the members of %(what)s"),
    "badges.print": _l("%(who)s printed badges"),
    "badges.reissue": _l("%(who)s issued a new badge QR code for %(what)s"),
    "documents.visa_letter_issued": _l("%(who)s issued a visa letter for %(what)s"),
    "mail.retry": _l("%(who)s sent an e-mail again"),
    "clone": _l("%(who)s created %(what)s as a copy of another event"),
}
AT_DESK = _l("%(sentence)s at %(desk)s")
# The filter's words for each action (the sentence without names).
ACTION_LABELS = {
    "create": _l("Created"),
    "update": _l("Changed"),
    "delete": _l("Deleted"),
    "checkin": _l("Checked in"),
    "checkin.undo": _l("Check-in undone"),
    "checkin.reprint": _l("Badge reprinted at the desk"),
    "checkin.attendance": _l("Session attendance"),
    "checkin.attendance.undo": _l("Session attendance removed"),
    "approve": _l("Registration approved"),
    "decline": _l("Registration declined"),
    "cancel": _l("Registration cancelled"),
    "send_link": _l("Personal link sent"),
    "accept_join": _l("Delegation request accepted"),
    "refuse_join": _l("Delegation request refused"),
    "map_organization": _l("Organization mapped"),
    "erase": _l("Personal data erased"),
    "purge_personal_data": _l("Personal data purged"),
    "publish": _l("Published"),
    "unpublish": _l("Unpublished"),
    "timezone_keep_clock_times": _l("Time zone changed"),
    "workshop_signup": _l("Workshop sign-up"),
    "workshop_cancel": _l("Workshop place cancelled"),
    "workshop_promote": _l("Workshop place from the waiting list"),
    "password_reset": _l("Password reset"),
    "password_change": _l("Password changed"),
    "grant": _l("Role given"),
    "revoke": _l("Role or invitation removed"),
    "invite": _l("Invitation sent"),
    "accept": _l("Invitation accepted"),
    "rotate_join_code": _l("New join code"),
    "confirm": _l("Delegation confirmed"),
    "badges.print": _l("Badges printed"),
    "badges.reissue": _l("New badge QR code"),
    "documents.visa_letter_issued": _l("Visa letter issued"),
    "mail.retry": _l("E-mail sent again"),
    "clone": _l("Event copied"),
}
FIELD_LABELS = {
    "given_name": _l("Given name"),
    "family_name": _l("Family name"),
    "email": _l("E-mail"),
    "status": _l("Status"),
    "role": _l("Role"),
    "checked_in_at": _l("Checked in"),
    "checkin_desk": _l("Desk"),
    "start_at": _l("Starts"),
    "end_at": _l("Ends"),
    "title_en": _l("Title (English)"),
    "title_es": _l("Title (Spanish)"),
    "capacity": _l("Capacity"),
    "seat_quota": _l("Seats"),
    "layout": _l("Layout"),
}
HIDDEN_KEYS = {"id", "event_id", "created_at", "updated_at"}  # the entry says them already
SHOWN_NAMES = 10  # a list of ids shows this many names, then "and N more"


def register_actions(
    actions: Mapping[str, tuple[str, str]], fields: Mapping[str, str] | None = None
) -> None:
    """A domain's own actions, ``{action: (sentence, filter label)}`` (sentences as in
    SENTENCES), and the labels of its fields in before/after (as in FIELD_LABELS)."""
    for action, (sentence, label) in actions.items():
        SENTENCES[action] = sentence
        ACTION_LABELS[action] = label
    FIELD_LABELS.update(fields or {})


@dataclass
class Line:
    entry: AuditEntry
    when: str
    who: str
    sentence: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def kind_label(object_type: str) -> str:
    source = NAMES.get(object_type)
    return str(source.kind) if source else object_type


def _field_label(key: str) -> str:
    if key in FIELD_LABELS:
        return str(FIELD_LABELS[key])
    if key in KEY_TYPES:
        return kind_label(KEY_TYPES[key]).capitalize()
    return key.removesuffix("_id").replace("_", " ").capitalize()


def _resolve(wanted: dict[str, set[int]]) -> dict[str, dict[int, str]]:
    """Names of the wanted records: one query per kind of record."""
    names: dict[str, dict[int, str]] = {}
    for type_name, ids in wanted.items():
        source = NAMES.get(type_name)
        if source is None or not ids:
            continue
        rows = db.session.scalars(
            db.select(source.model).where(source.model.id.in_(ids)).options(*source.options)
        )
        names[type_name] = {row.id: source.label(row) for row in rows}
    return names


def _ids(value: object) -> list[int]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, int) and not isinstance(v, bool)]
    return []


def _value(key: str, value: object, names: dict[str, dict[int, str]], tz_name: str) -> str:
    if value is None or value == "":
        return "—"
    if key in KEY_TYPES:
        known = names.get(KEY_TYPES[key], {})
        ids = _ids(value)
        shown = [known.get(i, f"#{i}") for i in ids[:SHOWN_NAMES]]
        text = ", ".join(shown)
        if len(ids) > SHOWN_NAMES:
            text += " " + _("and %(n)d more", n=len(ids) - SHOWN_NAMES)
        return text
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if key in FORMATTERS:
        return str(FORMATTERS[key](value))
    if key in VALUES and str(value) in VALUES[key]:
        return str(VALUES[key][str(value)])
    if isinstance(value, str) and key.endswith(("_at", "_until")):
        try:
            return fmt_datetime(datetime.fromisoformat(value), tz_name, "short")
        except ValueError:
            return value
    return str(value)


def describe(entries: list[AuditEntry], tz_name: str) -> list[Line]:
    wanted: dict[str, set[int]] = defaultdict(set)
    for entry in entries:
        if entry.object_id is not None:
            wanted[entry.object_type].add(entry.object_id)
        for values in (entry.before or {}, entry.after or {}):
            for key, value in values.items():
                if key in KEY_TYPES:
                    wanted[KEY_TYPES[key]].update(_ids(value))
    names = _resolve(wanted)
    return [_line(entry, names, tz_name) for entry in entries]


def _line(entry: AuditEntry, names: dict[str, dict[int, str]], tz_name: str) -> Line:
    user = entry.user
    who = (user.name or user.email) if user is not None else _("The system")
    known = names.get(entry.object_type, {})
    what = (known.get(entry.object_id) if entry.object_id is not None else None) or entry.summary
    template = SENTENCES.get(entry.action)
    if template is None:
        sentence = f"{who}: {entry.action} {kind_label(entry.object_type)} {what}".strip()
    else:
        sentence = str(template) % {
            "who": who,
            "what": what,
            "kind": kind_label(entry.object_type),
        }
    if entry.desk:
        sentence = str(AT_DESK) % {"sentence": sentence, "desk": entry.desk}
    before, after = entry.before or {}, entry.after or {}
    changes = []
    for key in dict.fromkeys([*before, *after]):
        old = _value(key, before.get(key), names, tz_name)
        new = _value(key, after.get(key), names, tz_name)
        if key not in HIDDEN_KEYS and old != new:
            changes.append((_field_label(key), old, new))
    when = fmt_datetime(entry.at, tz_name, "short")
    return Line(entry, when, who, sentence, changes)


def matching_objects(event_id: int, text: str) -> dict[str, list[int]]:
    found: dict[str, list[int]] = defaultdict(list)
    for search in SEARCHES:
        for type_name, ids in search(event_id, text).items():
            found[type_name].extend(ids)
    return found
