"""Who runs an event: every role on it (organizers, check-in staff, heads of delegation),
the pending invitations, adding someone and taking a role away."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from eventsapp.actor import Actor
from eventsapp.auth import invitations
from eventsapp.auth.models import EventRole, EventRoleKind, Invitation, InvitationState, User
from eventsapp.auth.services import find_user, grant_role, revoke_role
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.i18n import localized
from eventsapp.mail.services import queue_message
from eventsapp.urls import external_url

TEAM_ROLES = (EventRoleKind.ORGANIZER, EventRoleKind.CHECKIN)


def _inviter(actor: Actor) -> str:
    return (actor.name or actor.email) if actor is not None else ""


def _mail(
    event: Event,
    email: str,
    lang: str,
    template: str,
    subject: Callable[[str], object],
    **context: Any,
) -> None:
    title = localized(event, "title", lang)
    queue_message(
        email,
        template,
        lambda: subject(title),
        lang=lang,
        event_id=event.id,
        event_title=title,
        **context,
    )


def add_team_member(
    actor: Actor, event: Event, email: str, role: EventRoleKind, name: str = ""
) -> EventRole | Invitation:
    """Give ``email`` a team role on the event. An existing account gets the role at once and
    a message naming the event, the role and who added them; a new address gets an
    invitation (the account is created when they accept it, with a password they choose)."""
    if role not in TEAM_ROLES:
        raise DomainError(_l("Choose a role."), field="role")
    user = find_user(email)
    role_label = invitations.ROLE_LABELS[role]
    if user is not None:
        grant = grant_role(actor, user, event.id, role)
        _mail(
            event,
            user.email,
            user.preferred_language,
            "team_added",
            lambda title: _l("You are on the team of %(event)s", event=title),
            role=role_label,
            inviter=_inviter(actor),
            link=external_url("events_manage.dashboard", slug=event.slug),
        )
        return grant
    invitation, token = invitations.invite(actor, event.id, email, role, name=name)
    _mail(
        event,
        invitation.email,
        invitation.language,
        "team_invitation",
        lambda title: _l("Invitation to the team of %(event)s", event=title),
        role=role_label,
        inviter=_inviter(actor),
        link=external_url("auth.accept_invitation", token=token),
        days=invitations.max_age_days(),
    )
    return invitation


def team(event: Event) -> list[EventRole]:
    """Every role on the event, heads of delegation included (with their delegation)."""
    rows = db.session.scalars(
        db.select(EventRole)
        .join(EventRole.user)
        .options(joinedload(EventRole.user), joinedload(EventRole.delegation))
        .where(EventRole.event_id == event.id)
        .order_by(EventRole.role, User.email, EventRole.id)
    ).all()
    order = {EventRoleKind.ORGANIZER: 0, EventRoleKind.CHECKIN: 1, EventRoleKind.HEAD: 2}
    return sorted(rows, key=lambda r: (order[r.role], r.user.email, r.id))


def role_of(event: Event, role_id: int) -> EventRole | None:
    grant = db.session.get(EventRole, role_id)
    return grant if grant is not None and grant.event_id == event.id else None


def invitation_of(event: Event, invitation_id: int) -> Invitation | None:
    invitation = db.session.get(Invitation, invitation_id)
    return invitation if invitation is not None and invitation.event_id == event.id else None


def remove_role(actor: Actor, grant: EventRole) -> None:
    """Take any role away, a head's included; the user loses access at their next request.
    An organizer cannot remove their own organizer role (someone else must)."""
    if grant.user_id == getattr(actor, "id", None) and grant.role is EventRoleKind.ORGANIZER:
        raise DomainError(_l("You cannot remove your own organizer role."))
    revoke_role(actor, grant)


def withdraw_invitation(actor: Actor, invitation: Invitation) -> None:
    if invitation.state is not InvitationState.PENDING:
        raise DomainError(_l("This invitation is no longer pending."))
    invitations.revoke_invitation(actor, invitation)
