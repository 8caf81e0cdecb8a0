"""Invitations: a role on an event offered to an e-mail address by a single-use link.

The link's token is random and only its digest is stored. An invitation is pending until it
is accepted, revoked (withdrawn, or replaced by a newer invitation to the same role) or past
``INVITATION_MAX_AGE_DAYS``. Accepting never sets or resets the password of an existing
account: an address that already has an account accepts by signing in as it; a new address
chooses its password once, which creates the account.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select

from eventsapp.actor import Actor
from eventsapp.audit.services import record
from eventsapp.auth.models import (
    EventRole,
    EventRoleKind,
    Invitation,
    InvitationState,
    User,
    new_link_token,
    token_digest,
)
from eventsapp.auth.services import create_user, find_user, grant_role
from eventsapp.db import utcnow
from eventsapp.errors import DomainError
from eventsapp.extensions import db
from eventsapp.inputs import normalize_email

ROLE_LABELS = {
    EventRoleKind.ORGANIZER: _l("Organizer"),
    EventRoleKind.CHECKIN: _l("Check-in staff"),
    EventRoleKind.HEAD: _l("Head of delegation"),
}
STATE_MESSAGES = {
    InvitationState.ACCEPTED: _l("This invitation was already accepted. Sign in to continue."),
    InvitationState.REVOKED: _l(
        "This invitation was withdrawn or replaced by a newer one. Ask the organizers."
    ),
    InvitationState.EXPIRED: _l("This invitation has expired. Ask the organizers for a new one."),
}


def max_age() -> timedelta:
    return timedelta(days=float(current_app.config.get("INVITATION_MAX_AGE_DAYS") or 7))


def max_age_days() -> int:
    return max(1, round(max_age().total_seconds() / 86400))


def _pending(event_id: int, role: EventRoleKind, delegation_id: int | None) -> Select[Any]:
    query = db.select(Invitation).where(
        Invitation.event_id == event_id,
        Invitation.role == role,
        Invitation.state == InvitationState.PENDING,
    )
    if delegation_id is not None:
        return query.where(Invitation.delegation_id == delegation_id)
    return query.where(Invitation.delegation_id.is_(None))


def revoke_invitation(actor: Actor, invitation: Invitation) -> None:
    invitation.state = InvitationState.REVOKED
    db.session.flush()
    record(
        actor,
        "revoke",
        invitation,
        summary=f"{invitation.email}: {invitation.role.value}",
    )


def revoke_pending(
    actor: Actor,
    event_id: int,
    role: EventRoleKind,
    delegation_id: int | None = None,
    email: str | None = None,
) -> None:
    """Withdraw the pending invitations to this role (only ``email``'s when given)."""
    query = _pending(event_id, role, delegation_id)
    if email is not None:
        query = query.where(Invitation.email == normalize_email(email))
    for invitation in db.session.scalars(query).all():
        revoke_invitation(actor, invitation)


def invite(
    actor: Actor,
    event_id: int,
    email: str,
    role: EventRoleKind,
    *,
    delegation_id: int | None = None,
    name: str = "",
    language: str = "en",
) -> tuple[Invitation, str]:
    """A new pending invitation and its link's token (shown nowhere but in the e-mail).
    A delegation has one head invitation at a time: a new one replaces the pending ones;
    a team role replaces the pending invitations of the same address."""
    email = normalize_email(email)
    if role is EventRoleKind.HEAD:
        revoke_pending(actor, event_id, role, delegation_id)
    else:
        revoke_pending(actor, event_id, role, delegation_id, email=email)
    token, digest = new_link_token()
    now = utcnow()
    invitation = Invitation(
        event_id=event_id,
        email=email,
        name=(name or "")[:200],
        language=language if language in ("en", "es") else "en",
        role=role,
        delegation_id=delegation_id,
        invited_by_id=getattr(actor, "id", None),
        token_hash=digest,
        created_at=now,
        expires_at=now + max_age(),
    )
    db.session.add(invitation)
    db.session.flush()
    record(actor, "invite", invitation, summary=f"{email}: {role.value}")
    return invitation, token


def pending_invitation(token: str) -> Invitation:
    """The pending, unexpired invitation of ``token``, or a DomainError saying why not."""
    invitation = db.session.scalar(
        select(Invitation).where(Invitation.token_hash == token_digest(token or ""))
    )
    if invitation is None:
        raise DomainError(_l("This invitation link is not valid."))
    state = invitation.state_at(utcnow())
    if state is not InvitationState.PENDING:
        raise DomainError(STATE_MESSAGES[state])
    return invitation


def account_exists(invitation: Invitation) -> bool:
    return find_user(invitation.email) is not None


def _lock(invitation: Invitation) -> Invitation:
    """Lock the row and check it is still pending: one link, one acceptance."""
    db.session.refresh(invitation, with_for_update=True)
    state = invitation.state_at(utcnow())
    if state is not InvitationState.PENDING:
        raise DomainError(STATE_MESSAGES[state])
    return invitation


def _accept(invitation: Invitation, user: User) -> EventRole:
    grant = grant_role(user, user, invitation.event_id, invitation.role, invitation.delegation_id)
    invitation.state = InvitationState.ACCEPTED
    invitation.accepted_at = utcnow()
    invitation.accepted_by_id = user.id
    db.session.flush()
    record(user, "accept", invitation, summary=f"{user.email}: {invitation.role.value}")
    return grant


def accept_signed_in(invitation: Invitation, user: User) -> EventRole:
    """The owner of the invited address, signed in, takes the role."""
    if user is None or not user.is_authenticated or user.email != invitation.email:
        raise DomainError(
            _l(
                "This invitation is for %(email)s. Sign in as that account to accept it.",
                email=invitation.email,
            )
        )
    return _accept(_lock(invitation), user)


def accept_new_account(invitation: Invitation, password: str, name: str = "") -> User:
    """A new address: create its account with this password, then take the role. Refused
    when the address has an account (its owner signs in instead)."""
    _lock(invitation)
    if account_exists(invitation):
        raise DomainError(
            _l("An account with this e-mail already exists. Sign in to accept the invitation.")
        )
    user = create_user(
        invitation.email,
        password,
        name=(name or invitation.name).strip()[:200],
        event_id=invitation.event_id,
    )
    user.preferred_language = invitation.language
    _accept(invitation, user)
    return user


def event_invitations(event_id: int) -> list[Invitation]:
    """The pending invitations of an event, for its team page."""
    now = utcnow()
    rows = db.session.scalars(
        db.select(Invitation)
        .where(Invitation.event_id == event_id, Invitation.state == InvitationState.PENDING)
        .order_by(Invitation.created_at)
    ).all()
    return [row for row in rows if row.state_at(now) is InvitationState.PENDING]
