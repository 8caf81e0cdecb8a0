"""A delegate's personal agenda through their signed registration link: plenaries and the
workshops they signed up for, sign-up and cancel buttons, and an iCalendar of it."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from eventsapp.agenda import exports, labels, signups
from eventsapp.agenda.models import AgendaSession, SessionKind, SignupStatus, WorkshopSignup
from eventsapp.agenda.queries import published_sessions
from eventsapp.agenda.views import bp, by_day, export_download, export_language
from eventsapp.crud import DeleteForm
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.events.views import public_event_or_404
from eventsapp.extensions import db
from eventsapp.i18n import use_language
from eventsapp.registration.links import registration_from_token
from eventsapp.registration.models import Registration, RegistrationStatus


def _registration(event: Event, token: str) -> Registration:
    registration = registration_from_token(token, event.id)
    if registration is not None:
        use_language(registration.person.preferred_language.value)
    if registration is None:
        abort(404)
    return registration


def personal_sessions(
    event: Event, registration: Registration, mine: Mapping[int, WorkshopSignup]
) -> list[AgendaSession]:
    """Plenaries, and the workshops with a confirmed (or waiting-list) place."""
    sessions = published_sessions(event, kinds=(SessionKind.PLENARY, SessionKind.WORKSHOP))
    return [s for s in sessions if s.kind is SessionKind.PLENARY or s.id in mine]


@bp.route("/my/<token>/agenda")
def my_agenda(slug: str, token: str) -> ResponseReturnValue:
    event = public_event_or_404(slug)
    registration = _registration(event, token)
    mine = signups.signups_of(registration)
    workshops = [s for s in published_sessions(event, kinds=(SessionKind.WORKSHOP,))]
    taken = signups.seats_taken([w.id for w in workshops])
    return render_template(
        "agenda/personal_agenda.html",
        event=event,
        registration=registration,
        token=token,
        days=by_day(event, personal_sessions(event, registration, mine)),
        workshops=workshops,
        taken=taken,
        mine=mine,
        can_sign_up=registration.status is RegistrationStatus.CONFIRMED,
        labels=labels,
        form=DeleteForm(),
        SignupStatus=SignupStatus,
    )


def _change(
    slug: str,
    token: str,
    session_id: int,
    action: Callable[[Registration, int], WorkshopSignup],
) -> ResponseReturnValue:
    event = public_event_or_404(slug)
    registration = _registration(event, token)
    if not DeleteForm().validate_on_submit():
        abort(400)
    try:
        signup = action(registration, session_id)
    except DomainError as error:
        db.session.rollback()
        if error.status_code == 404:
            abort(404)
        flash(error.message, "danger")
    else:
        db.session.commit()
        if signup.status is SignupStatus.CONFIRMED:
            flash(_("You have a seat in this workshop."), "success")
        elif signup.status is SignupStatus.WAITLISTED:
            flash(
                _(
                    "The workshop is full: you are number %(position)s on the waiting list.",
                    position=signup.waitlist_position,
                ),
                "warning",
            )
        else:
            flash(_("Your place in the workshop is cancelled."), "success")
    return redirect(url_for("agenda.my_agenda", slug=event.slug, token=token))


@bp.route("/my/<token>/agenda/<int:session_id>/signup", methods=["POST"])
def my_signup(slug: str, token: str, session_id: int) -> ResponseReturnValue:
    return _change(slug, token, session_id, signups.sign_up)


@bp.route("/my/<token>/agenda/<int:session_id>/cancel", methods=["POST"])
def my_cancel(slug: str, token: str, session_id: int) -> ResponseReturnValue:
    return _change(slug, token, session_id, signups.cancel)


@bp.route("/my/<token>/agenda.ics")
def my_agenda_ics(slug: str, token: str) -> ResponseReturnValue:
    event = public_event_or_404(slug)
    registration = _registration(event, token)
    mine = {
        sid: s
        for sid, s in signups.signups_of(registration).items()
        if s.status is SignupStatus.CONFIRMED
    }
    sessions = personal_sessions(event, registration, mine)
    lang = export_language()
    data = exports.to_ics(event, sessions, lang, registration.person.full_name)
    return export_download(event, "ics", data, "my-agenda")
