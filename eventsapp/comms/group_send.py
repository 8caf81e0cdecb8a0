"""A message to a group: written once in English and Spanish, sent by a background job.

The request stores the texts and the matching registration ids (``start``) and starts the
job; the worker writes one outbox row per recipient, in the recipient's own language, with
their own personal link filled in and a one-click unsubscribe address (``List-Unsubscribe``),
committing every CHUNK rows (their delivery starts at once) and reporting progress. An
address that opted out of the event's group messages is skipped. A job taken up again after
its worker died skips the registrations that already have their row.
"""

from __future__ import annotations

from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy.orm import selectinload

from eventsapp.actor import Actor
from eventsapp.comms.answers import values_for as answers_values_for
from eventsapp.comms.models import GroupMessage
from eventsapp.comms.recipients import RecipientFilter, recipient_ids
from eventsapp.errors import DomainError
from eventsapp.events.branding import branding_for
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.jobs.models import Job
from eventsapp.jobs.services import JobResult, report_progress, start_job
from eventsapp.mail.models import MailOptOut, OutboxMessage
from eventsapp.mail.templating import fill, queue_text, settings_of
from eventsapp.questions.services import event_questions
from eventsapp.registration.models import Registration
from eventsapp.registration.notifications import registrant_values
from eventsapp.signing import signing_keys
from eventsapp.urls import external_url

GROUP_TASK = "eventsapp.comms.group_send"
CHUNK = 200
UNSUBSCRIBE_SALT = "mail-unsubscribe"


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(signing_keys(), salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(event_id: int, email: str) -> str:
    return _serializer().dumps([event_id, email.lower()])


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    try:
        event_id, email = _serializer().loads(token)
        return int(event_id), str(email)
    except (BadSignature, ValueError, TypeError):
        return None


def unsubscribe_url(event_id: int, email: str) -> str:
    return external_url("comms.unsubscribe", token=unsubscribe_token(event_id, email))


def start(actor: Actor, event: Event, texts: dict[str, Any], chosen: RecipientFilter) -> Job:
    """Store the message and its recipients and start the job that sends it."""
    ids = recipient_ids(event, chosen)
    if not ids:
        raise DomainError(_("Nobody matches these choices."))
    message = GroupMessage(
        event_id=event.id,
        created_by_id=getattr(actor, "id", None),
        subject_en=texts["en"][0],
        body_en=texts["en"][1],
        subject_es=texts["es"][0],
        body_es=texts["es"][1],
        filters=chosen.as_dict(),
        registration_ids=ids,
    )
    db.session.add(message)
    db.session.flush()
    job = start_job(actor, "comms.group_send", event, GROUP_TASK, message.id)
    message.job_id = job.id
    return job


def _footer(lang: str, url: str) -> str:
    with force_locale(lang):
        return "\n\n-- \n" + _("To receive no more messages like this one: %(url)s", url=url)


def run(job: Job, group_id: int) -> JobResult:
    job_id = job.id  # read once: after a commit, job.id would reload (a transaction again)
    message = db.session.get_one(GroupMessage, group_id)
    ids = list(message.registration_ids)
    total = len(ids)
    report_progress(job_id, 0, total)
    reply_to = settings_of(message.event_id).reply_to
    done_ids = set(
        db.session.scalars(
            db.select(OutboxMessage.registration_id).where(
                OutboxMessage.group_message_id == group_id
            )
        )
    )
    opted_out = set(
        db.session.scalars(
            db.select(MailOptOut.email).where(MailOptOut.event_id == message.event_id)
        )
    )
    queued = skipped = 0
    questions = event_questions(message.event_id, retired_last=True)
    branding = branding_for(db.session.get_one(Event, message.event_id), files=False)
    for start_at in range(0, total, CHUNK):
        chunk = [i for i in ids[start_at : start_at + CHUNK] if i not in done_ids]
        registrations = db.session.scalars(
            db.select(Registration)
            .where(Registration.id.in_(chunk), Registration.event_id == message.event_id)
            .options(selectinload(Registration.person), selectinload(Registration.delegation))
            .order_by(Registration.id)
        ).all()
        languages = {r.id: r.person.preferred_language.value for r in registrations}
        answer_values = (
            answers_values_for(questions, languages, languages.__getitem__) if questions else {}
        )
        for registration in registrations:
            email = registration.person.email
            if email in opted_out:
                skipped += 1
                continue
            lang = registration.person.preferred_language.value
            values = registrant_values(registration, lang, branding=branding)
            values.update(answer_values.get(registration.id, {}))
            url = unsubscribe_url(message.event_id, email)
            subject = getattr(message, f"subject_{lang}")
            body = getattr(message, f"body_{lang}")
            queue_text(
                email,
                fill(subject, values).replace("\n", " "),
                fill(body, values) + _footer(lang, url),
                lang=lang,
                kind="group",
                event_id=message.event_id,
                automatic=False,
                reply_to=reply_to,
                unsubscribe_url=url,
                registration_id=registration.id,
                group_message_id=group_id,
            )
            queued += 1
        db.session.commit()  # this chunk's mails leave now
        report_progress(job_id, min(start_at + CHUNK, total), total)  # between transactions
    job = db.session.get_one(Job, job_id)
    job.progress_done = job.progress_total = total
    return JobResult(
        report={"group_message_id": group_id, "queued": queued, "opted_out": skipped},
        message=_(
            "%(n)d messages queued; %(skipped)d addresses had opted out.",
            n=queued,
            skipped=skipped,
        ),
    )
