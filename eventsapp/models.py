"""Imports every domain's models so that the metadata (and Alembic) knows all tables, and the
mapper-level listeners that must run in every process (web, worker, CLI)."""

import eventsapp.agenda.revisions  # noqa: F401  (the agenda's revisions for its feeds)
import eventsapp.delegations.seats  # noqa: F401  (registration's port to the delegations)
import eventsapp.webhooks.emitting  # noqa: F401  (registration changes become deliveries)
from eventsapp.agenda.models import (  # noqa: F401
    AgendaSession,
    SessionSpeaker,
    Speaker,
    SpeakerAvailability,
    WorkshopSignup,
)
from eventsapp.api.models import ApiToken  # noqa: F401
from eventsapp.audit.models import AuditEntry  # noqa: F401
from eventsapp.auth.models import EventRole, User  # noqa: F401
from eventsapp.badges.models import BadgePrint, BadgeSettings  # noqa: F401
from eventsapp.checkin.models import SessionAttendance  # noqa: F401
from eventsapp.comms.models import GroupMessage, ReminderDelivery  # noqa: F401
from eventsapp.delegations.models import Delegation  # noqa: F401
from eventsapp.documents.models import IssuedDocument  # noqa: F401
from eventsapp.events.branding_models import BrandingSettings  # noqa: F401
from eventsapp.events.models import Event, Jurisdiction, Organization, Room, Track  # noqa: F401
from eventsapp.jobs.models import Job  # noqa: F401
from eventsapp.mail.models import MailOptOut, MailSettings, MailTemplate, OutboxMessage  # noqa: F401
from eventsapp.questions.models import Answer, AnswerChoice, Question, QuestionOption  # noqa: F401
from eventsapp.registration.models import Person, Registration  # noqa: F401
from eventsapp.storage.models import StoredFile  # noqa: F401
from eventsapp.travel.models import Hotel, RoomBlock, TravelDetails  # noqa: F401
from eventsapp.webhooks.models import Webhook, WebhookDelivery  # noqa: F401
