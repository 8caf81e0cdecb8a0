"""Back office: write to a group (compose in both languages, choose recipients, see the
count and a sample, send as a job) and the list of messages sent, each with its
recipients' delivery states."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func

from eventsapp.auth.permissions import organizer_required
from eventsapp.comms import answers, group_send, recipients, texts
from eventsapp.comms.forms import GroupMessageForm
from eventsapp.comms.manage import bp
from eventsapp.comms.models import GroupMessage
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.forms import form_errors_from
from eventsapp.i18n import current_language
from eventsapp.mail.kinds import GROUP_PLACEHOLDERS
from eventsapp.mail.models import DeliveryStatus, OutboxMessage
from eventsapp.places import place_name
from eventsapp.questions.services import event_questions
from eventsapp.questions.values import AnswerError
from eventsapp.registration.forms import event_delegations
from eventsapp.registration.labels import ROLE, STATUS
from eventsapp.registration.models import RegistrationRole, RegistrationStatus

WORKSHOP_STATUS = ("", "confirmed", "waitlisted")


def _form(event: Event) -> GroupMessageForm:
    form = GroupMessageForm()
    form.statuses.choices = [(s.value, str(STATUS[s])) for s in RegistrationStatus]
    form.roles.choices = [(r.value, str(ROLE[r])) for r in RegistrationRole]
    form.delegations.set_choices([(d.id, place_name(d.name)) for d in event_delegations(event)])
    form.workshops.set_choices([(w.id, w.title_en) for w in recipients.workshops(event)])
    form.sample_id.set_choices([])
    form.questions = event_questions(event.id, retired_last=True)
    form.question_id.set_choices(
        [(q.id, f"{q.label(current_language())} ({q.key})") for q in form.questions]
    )
    return form


def _answer_condition(form: GroupMessageForm) -> tuple[list[int], str] | None:
    """The chosen answer as option ids or a canonical value; None (and an error next to
    the field) when the question cannot have that answer."""
    question = next((q for q in form.questions if q.id == form.question_id.data), None)
    if question is None:
        return [], ""
    try:
        return answers.parse_condition(question, form.answer.data or "")
    except AnswerError as error:
        form.answer.errors = list(form.answer.errors) + [str(error)]
        return None


def _emails(form: GroupMessageForm) -> list[str]:
    return [line.strip() for line in (form.picked.data or "").splitlines() if line.strip()]


def _chosen(form: GroupMessageForm, condition: tuple[list[int], str]) -> recipients.RecipientFilter:
    workshop_status = request.form.get("workshop_status", "")
    return recipients.RecipientFilter(
        question_id=form.question_id.data,
        answer_options=condition[0],
        answer_value=condition[1],
        answer_place=form.answer_place.data if form.question_id.data else "",
        statuses=list(form.statuses.data or []),
        roles=list(form.roles.data or []),
        delegation_ids=[i for i in form.delegations.data or [] if i],
        workshop_ids=[i for i in form.workshops.data or [] if i],
        workshop_status=workshop_status if workshop_status in WORKSHOP_STATUS else "",
        missing_passport=form.missing_passport.data,
        missing_arrival=form.missing_arrival.data,
        checked_in=form.checked_in.data or "",
        emails=_emails(form),
    )


@bp.route("/events/<slug>/mail/compose", methods=["GET", "POST"])
@organizer_required
def compose(event: Event) -> ResponseReturnValue:
    form = _form(event)
    count, sample, previews = None, [], []
    if request.method == "POST":
        valid = form.validate_on_submit()
        allowed = GROUP_PLACEHOLDERS + answers.placeholders(form.questions)
        valid = form.check_placeholders(allowed) and valid
        condition = _answer_condition(form) if valid else None
        valid = valid and condition is not None
        unknown = recipients.unknown_emails(event, _emails(form)) if valid else []
        if unknown:
            form.picked.errors = list(form.picked.errors) + [
                _("Not registered at this event: %(emails)s", emails=", ".join(unknown))
            ]
            valid = False
        if valid and condition is not None:  # valid implies a condition; mypy cannot see it
            chosen = _chosen(form, condition)
            if request.form.get("action") == "send":
                try:
                    job = group_send.start(current_user, event, form.texts(), chosen)
                except DomainError as error:
                    db.session.rollback()
                    form_errors_from(form, error)
                else:
                    db.session.commit()
                    return redirect(url_for("jobs_manage.status", slug=event.slug, job_id=job.id))
            count = len(recipients.recipient_ids(event, chosen))
            sample = recipients.sample(event, chosen)
            previews = texts.previews(event, form.texts(), sample[0] if sample else None)
    return render_template(
        "comms/compose.html",
        event=event,
        form=form,
        count=count,
        sample=sample,
        previews=previews,
        placeholders=GROUP_PLACEHOLDERS + answers.placeholders(form.questions),
        workshop_status=request.form.get("workshop_status", ""),
    )


@bp.route("/events/<slug>/mail/messages/")
@organizer_required
def group_messages(event: Event) -> ResponseReturnValue:
    messages = db.session.scalars(
        db.select(GroupMessage)
        .where(GroupMessage.event_id == event.id)
        .order_by(GroupMessage.created_at.desc(), GroupMessage.id.desc())
    ).all()
    counts: dict[int, dict[DeliveryStatus, int]] = {}
    if messages:
        rows = db.session.execute(
            db.select(OutboxMessage.group_message_id, OutboxMessage.status, func.count())
            .where(OutboxMessage.group_message_id.in_([m.id for m in messages]))
            .group_by(OutboxMessage.group_message_id, OutboxMessage.status)
        )
        for group_id, status, n in rows:
            counts.setdefault(group_id, {})[status] = n
    return render_template(
        "comms/messages.html", event=event, messages=messages, counts=counts, Status=DeliveryStatus
    )
