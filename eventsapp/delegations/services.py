"""Rules for delegations: saving with quotas, head invitations, the head's portal."""

from __future__ import annotations

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from eventsapp.audit.services import record, snapshot
from eventsapp.auth.models import EventRoleKind, User
from eventsapp.auth.services import check_password_policy, create_user, find_user, grant_role
from eventsapp.crud import flush_or_fail
from eventsapp.db import lock_row, utcnow
from eventsapp.delegations.models import Delegation, DelegationStatus
from eventsapp.errors import DomainError
from eventsapp.extensions import db
from eventsapp.i18n import localized
from eventsapp.mail.services import queue_message
from eventsapp.registration import capacity
from eventsapp.registration import services as registrations
from eventsapp.registration.models import Registration

INVITATION_SALT = "delegation-invitation"
INVITATION_MAX_AGE = 14 * 24 * 3600
FIELDS = (
    "jurisdiction_id",
    "organization_id",
    "head_person_id",
    "seat_quota",
    "status",
    "protocol_position",
)


def seats_taken(delegation: Delegation) -> int:
    from sqlalchemy import func

    return (
        db.session.scalar(
            db.select(func.count(Registration.id)).where(
                Registration.delegation_id == delegation.id,
                Registration.status.in_(capacity.SEAT_HOLDING),
            )
        )
        or 0
    )


def save_delegation(actor, event, delegation: Delegation, data: dict) -> Delegation:
    """Create or change a delegation. The quota cannot go below the seats already held; a
    raised quota gives the freed seats to the waiting list."""
    is_new = delegation.id is None
    before = None if is_new else snapshot(delegation)
    if not is_new:
        lock_row(Delegation, delegation.id)
    old_quota = delegation.seat_quota if not is_new else 0
    for key in FIELDS:
        if key in data:
            setattr(delegation, key, data[key])
    if delegation.jurisdiction_id is None and delegation.organization_id is None:
        raise DomainError(_l("Choose a jurisdiction or an organization."), field="jurisdiction_id")
    delegation.event_id = event.id
    if not is_new:
        # No autoflush: a duplicate jurisdiction must reach flush_or_fail below as a form
        # error, not escape from this count as an IntegrityError.
        with db.session.no_autoflush:
            taken = seats_taken(delegation)
        if delegation.seat_quota < taken:
            raise DomainError(
                _l("%(n)d members already hold a seat; the quota cannot be lower.", n=taken),
                field="seat_quota",
            )
    if delegation.status is DelegationStatus.CONFIRMED and delegation.confirmed_at is None:
        delegation.confirmed_at = utcnow()
    db.session.add(delegation)
    flush_or_fail(_l("This event already has a delegation for this jurisdiction or organization."))
    record(
        actor,
        "create" if is_new else "update",
        delegation,
        summary=delegation.name,
        before=before,
        after=snapshot(delegation),
    )
    if not is_new and delegation.seat_quota > old_quota:
        capacity.fill_free_seats(event.id)
    return delegation


def delete_delegation(actor, delegation: Delegation) -> None:
    record(actor, "delete", delegation, summary=delegation.name, before=snapshot(delegation))
    db.session.delete(delegation)
    flush_or_fail(_l("This delegation is still in use and cannot be deleted."))


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=INVITATION_SALT)


def invitation_token(delegation: Delegation, email: str) -> str:
    return _serializer().dumps([delegation.id, email])


def read_invitation(token: str) -> tuple[Delegation, str]:
    """The delegation and e-mail a valid, unexpired invitation names (else DomainError)."""
    max_age = current_app.config.get("DELEGATION_INVITATION_MAX_AGE", INVITATION_MAX_AGE)
    try:
        delegation_id, email = _serializer().loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise DomainError(
            _l("This invitation has expired. Ask the organizers for a new one.")
        ) from error
    except (BadSignature, ValueError, TypeError) as error:
        raise DomainError(_l("This invitation link is not valid.")) from error
    delegation = db.session.get(Delegation, delegation_id)
    head = delegation.head if delegation else None
    if delegation is None or head is None or head.email != email:
        raise DomainError(_l("This invitation link is not valid."))
    return delegation, email


def invite_head(actor, delegation: Delegation, data: dict) -> str:
    """Make the person with ``data['email']`` head of ``delegation`` and e-mail them a
    signed, expiring link to set a password. Returns the token."""
    person = registrations.upsert_person(
        actor, data, fields=("given_name", "family_name", "preferred_language")
    )
    before = snapshot(delegation)
    delegation.head_person_id = person.id
    delegation.invitation_sent_at = utcnow()
    db.session.flush()
    record(
        actor,
        "invite",
        delegation,
        summary=f"{delegation.name}: {person.email}",
        before=before,
        after=snapshot(delegation),
    )
    token = invitation_token(delegation, person.email)
    lang = person.preferred_language.value
    event = delegation.event
    title = localized(event, "title", lang)
    queue_message(
        person.email,
        "delegation_invitation",
        lambda: _l(
            "Invitation to lead the delegation %(name)s: %(event)s",
            name=delegation.name,
            event=title,
        ),
        lang=lang,
        event_id=event.id,
        person=person,
        delegation=delegation,
        event_title=title,
        link=url_for("delegations.accept_invitation", token=token, _external=True),
        days=INVITATION_MAX_AGE // 86400,
    )
    return token


def accept_invitation(delegation: Delegation, email: str, password: str) -> User:
    """Set the head's password (creating the account if needed) and grant the head role
    for this delegation only."""
    check_password_policy(password)
    user = find_user(email)
    if user is None:
        person = delegation.head
        user = create_user(email, password, name=person.full_name if person else "", actor=None)
    else:
        user.set_password(password)
        record(user, "update", user, summary=f"{email}: password set from invitation")
    grant_role(user, user, delegation.event_id, EventRoleKind.HEAD, delegation.id)
    return user


def confirm_delegation(actor, delegation: Delegation) -> None:
    before = snapshot(delegation)
    delegation.status = DelegationStatus.CONFIRMED
    delegation.confirmed_at = utcnow()
    db.session.flush()
    record(
        actor,
        "confirm",
        delegation,
        summary=delegation.name,
        before=before,
        after=snapshot(delegation),
    )


def add_member(actor, delegation: Delegation, data: dict) -> Registration:
    if delegation.status is DelegationStatus.WITHDRAWN:
        raise DomainError(_l("This delegation has withdrawn."))
    data = dict(data, delegation_id=delegation.id)
    # A head may add a person already on file, but not rewrite their details.
    return registrations.register(
        actor, delegation.event, data, quota_full="refuse", update_person=False
    )


def member_of(delegation: Delegation, registration_id: int) -> Registration | None:
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.delegation_id != delegation.id:
        return None
    return registration
