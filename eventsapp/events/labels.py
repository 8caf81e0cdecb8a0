"""Translated display labels for the events domain's enums."""

from flask_babel import lazy_gettext as _l

from eventsapp.events.models import (
    ConflictLevel,
    EventKind,
    EventStatus,
    JurisdictionKind,
    LetterLanguage,
    Membership,
    ProtocolOrder,
    VisaCosts,
)

EVENT_KIND = {
    EventKind.SUMMIT: _l("Summit"),
    EventKind.WORKSHOP: _l("Workshop"),
    EventKind.CONFERENCE: _l("Conference"),
    EventKind.MEETING: _l("Meeting"),
}
EVENT_STATUS = {
    EventStatus.DRAFT: _l("Draft"),
    EventStatus.PUBLISHED: _l("Published"),
    EventStatus.CLOSED: _l("Closed"),
}
JURISDICTION_KIND = {
    JurisdictionKind.US_STATE: _l("US state"),
    JurisdictionKind.US_TERRITORY: _l("US territory"),
    JurisdictionKind.MEXICAN_STATE: _l("Mexican state"),
    JurisdictionKind.FEDERAL: _l("Federal"),
    JurisdictionKind.FOREIGN: _l("Foreign"),
    JurisdictionKind.OTHER: _l("Other"),
}
MEMBERSHIP = {
    Membership.MEMBER: _l("Member"),
    Membership.ASSOCIATE: _l("Associate"),
    Membership.TERRITORY_MEMBER: _l("Territory member"),
    Membership.NON_MEMBER: _l("Non-member"),
}
CONFLICT_LEVEL = {ConflictLevel.BLOCK: _l("Block the change"), ConflictLevel.WARN: _l("Warn")}
PROTOCOL_ORDER = {
    ProtocolOrder.JURISDICTION: _l("By jurisdiction name"),
    ProtocolOrder.MANUAL: _l("Manual delegation order"),
}
LETTER_LANGUAGE = {
    LetterLanguage.EN: _l("English"),
    LetterLanguage.ES: _l("Spanish"),
    LetterLanguage.BOTH: _l("English and Spanish (one after the other)"),
}
VISA_COSTS = {
    VisaCosts.PARTICIPANT: _l("The participant bears all costs"),
    VisaCosts.ORGANIZERS: _l("The organizers bear travel, accommodation and meals"),
    VisaCosts.SHARED: _l("The organizers bear accommodation and meals; the participant, travel"),
}
