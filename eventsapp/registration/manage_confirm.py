"""Back office: the confirmations before destructive registration actions (a page for each,
which static/js/confirm.js shows as a dialog) and the bulk actions, which ask first when
they decline or cancel, and say how many registrations actually changed."""

from flask import abort, flash, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from eventsapp.auth.permissions import organizer_required
from eventsapp.confirm import confirmation_page, confirmed
from eventsapp.crud import DeleteForm
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.inputs import database_id
from eventsapp.registration import self_service, services
from eventsapp.registration.labels import (
    BULK_CONSEQUENCES,
    BULK_LABELS,
    CANCEL_CONSEQUENCE,
    DECLINE_CONSEQUENCE,
    DELETE_CONSEQUENCE,
)
from eventsapp.registration.manage import _detail_url, _get, bp


def _confirm_single(
    event: Event, registration_id: int, endpoint: str, title: str, consequence: str, button: str
) -> ResponseReturnValue:
    registration = _get(event, registration_id)
    name = registration.person.full_name
    return confirmation_page(
        title=title % {"name": name},
        consequence=consequence % {"name": name},
        action=url_for(endpoint, slug=event.slug, registration_id=registration_id),
        button=button,
        back=_detail_url(event, registration_id),
    )


@bp.get("/events/<slug>/registrations/<int:registration_id>/delete")
@organizer_required
def registration_delete_confirm(event: Event, registration_id: int) -> ResponseReturnValue:
    return _confirm_single(
        event,
        registration_id,
        "registration_manage.registration_delete",
        _l("Delete the registration of %(name)s?"),
        DELETE_CONSEQUENCE,
        _l("Delete for good"),
    )


@bp.get("/events/<slug>/registrations/<int:registration_id>/decline")
@organizer_required
def registration_decline_confirm(event: Event, registration_id: int) -> ResponseReturnValue:
    return _confirm_single(
        event,
        registration_id,
        "registration_manage.registration_decline",
        _l("Decline %(name)s?"),
        DECLINE_CONSEQUENCE,
        _l("Decline"),
    )


@bp.get("/events/<slug>/registrations/<int:registration_id>/cancel")
@organizer_required
def registration_cancel_confirm(event: Event, registration_id: int) -> ResponseReturnValue:
    return _confirm_single(
        event,
        registration_id,
        "registration_manage.registration_cancel",
        _l("Cancel the registration of %(name)s?"),
        CANCEL_CONSEQUENCE,
        _l("Cancel registration"),
    )


@bp.route("/events/<slug>/registrations/bulk", methods=["POST"])
@organizer_required
def registrations_bulk(event: Event) -> ResponseReturnValue:
    if not DeleteForm().validate_on_submit():
        abort(400)
    ids = [i for i in map(database_id, request.form.getlist("ids")) if i is not None]
    action = request.form.get("action", "")
    if action in BULK_CONSEQUENCES and ids and not confirmed():
        return confirmation_page(
            title=_("Confirm: %(action)s", action=BULK_LABELS[action]),
            consequence=BULK_CONSEQUENCES[action] % {"n": len(ids)},
            action=url_for("registration_manage.registrations_bulk", slug=event.slug),
            button=BULK_LABELS[action],
            back=url_for("registration_manage.registrations_list", slug=event.slug),
            fields=[("action", action)] + [("ids", str(i)) for i in ids],
        )
    if action == "send_link":  # rotates each link and mails the new one
        sent = self_service.send_links(current_user, event, ids)
        db.session.commit()
        flash(_("%(n)d registrations updated.", n=sent), "success")
        return redirect(url_for("registration_manage.registrations_list", slug=event.slug))
    try:
        done, unchanged = services.bulk(current_user, event, ids, action)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
        message = _("%(n)d registrations changed.", n=done)
        if unchanged:
            message += " " + _(
                "%(n)d unchanged (already so, not active, or no free seat).", n=unchanged
            )
        flash(message, "success" if not unchanged else "warning")
    return redirect(url_for("registration_manage.registrations_list", slug=event.slug))
