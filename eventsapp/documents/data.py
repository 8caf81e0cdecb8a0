"""What the PDF renderers draw: plain dataclasses, already translated and formatted.

A ``Text`` holds one string per language of the document (one entry, or two for a
side-by-side English/Spanish booklet). Nothing here knows the database or the request.
"""

from __future__ import annotations

from dataclasses import dataclass, field

Text = tuple[str, ...]

PAPER_SIZES = ("letter", "a4")


@dataclass(frozen=True)
class SessionEntry:
    time: str
    room: str
    title: Text
    track: Text = ()
    people: Text = ()  # e.g. "Speakers: A, B · Moderator: C", per language
    is_break: bool = False


@dataclass(frozen=True)
class AgendaDay:
    heading: Text
    sessions: list[SessionEntry]


@dataclass(frozen=True)
class SpeakerBio:
    name: str
    affiliation: str
    bio: Text
    photo: bytes | None = None  # JPEG bytes (eventsapp.storage)


@dataclass(frozen=True)
class Participant:
    name: str
    detail: str  # position, organization
    note: Text = ()  # e.g. "Head of delegation"


@dataclass(frozen=True)
class ParticipantGroup:
    name: Text
    participants: list[Participant]


@dataclass(frozen=True)
class BookletLabels:
    contents: Text
    welcome: Text
    agenda: Text
    speakers: Text
    participants: Text
    partners: Text
    page_of: Text  # "Page {page} of {pages}"


@dataclass
class Booklet:
    languages: tuple[str, ...]
    paper: str
    title: Text
    dates: Text
    venue: str
    labels: BookletLabels
    logo_path: str | None = None  # no longer set: the logo is in the branding (``logo``)
    welcome: Text = ()
    days: list[AgendaDay] = field(default_factory=list)
    speakers: list[SpeakerBio] = field(default_factory=list)
    participant_groups: list[ParticipantGroup] = field(default_factory=list)
    partners: list[str] = field(default_factory=list)
    logo: bytes | None = None  # the branding's logo, PNG or JPEG bytes (eventsapp.storage)


@dataclass(frozen=True)
class AgendaLine:
    date: str
    time: str
    title: str
    room: str
    kind: str


@dataclass(frozen=True)
class PersonalAgenda:
    heading: str
    event_title: str
    dates: str
    person_name: str
    lines: list[AgendaLine]
    empty_text: str
    columns: tuple[str, str, str, str]  # date, time, session, room
    page_of: str


@dataclass(frozen=True)
class Letterhead:
    title: str  # the issuing organisation
    lines: list[str]
    logo: bytes | None = None  # PNG or JPEG bytes (branding, eventsapp.storage)
    color: str = ""  # the brand's primary colour, "#rrggbb"


@dataclass(frozen=True)
class VisaLetter:
    letterhead: Letterhead
    date: str
    addressee: list[str]
    subject: str
    salutation: str
    body: list[str]
    details: list[tuple[str, str]]  # (label, value): name, position, passport, nationality
    closing: str
    signatory_name: str
    signatory_title: str
    page_of: str
    reference: str = ""
    verify_url: str = ""
    reference_line: str = ""  # how to verify it, translated
    reference_label: str = ""  # "Reference: VL-…"
    signature: bytes | None = None  # the signatory's signature image
    lang: str = "en"


@dataclass(frozen=True)
class CertificateLine:
    date: str
    title: str
    hours: str
    cle_hours: str


@dataclass(frozen=True)
class Certificate:
    organisation: str
    heading: str  # "Certificate of attendance"
    lead: str  # "This is to certify that"
    name: str  # printed large
    statement: str  # "attended <event>, held in <place>, <dates>."
    columns: tuple[str, str, str, str]  # date, session, hours, CLE hours
    lines: list[CertificateLine]
    totals: tuple[str, str, str]  # label, hours, CLE hours
    source_note: str
    cle_note: str  # "CLE provider: … · Accreditation number: …" (empty: none)
    empty_text: str
    signatory_name: str
    signatory_title: str
    serial_label: str
    issued_label: str
    reference: str
    verify_url: str
    reference_line: str
    logo: bytes | None = None
    signature: bytes | None = None
    color: str = ""
    accent: str = ""
    lang: str = "en"
