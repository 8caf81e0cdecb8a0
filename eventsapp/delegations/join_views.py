"""Join codes and requests to join, for the head's portal and the back office: rotate the
code, accept or refuse a request (a request of another delegation is a 404)."""

from flask import abort, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from eventsapp.auth.permissions import organizer_required
from eventsapp.crud import post_action
from eventsapp.delegations import joining as codes
from eventsapp.delegations.manage import _get as organizer_delegation
from eventsapp.delegations.manage import bp as manage_bp
from eventsapp.delegations.models import Delegation
from eventsapp.delegations.views import _headed, bp, head_required
from eventsapp.events.models import Event
from eventsapp.registration import joining


def _portal(event: Event, delegation: Delegation) -> str:
    return url_for("delegations.portal", slug=event.slug, delegation_id=delegation.id)


@bp.route("/events/<slug>/my-delegation/<int:delegation_id>/join-code", methods=["POST"])
@head_required
def rotate_code(event: Event, delegation_id: int) -> ResponseReturnValue:
    delegation = _headed(event, delegation_id)
    return post_action(
        lambda: codes.rotate_join_code(current_user, delegation),
        _portal(event, delegation),
        _("A new join code is ready; the old one no longer works."),
    )


@bp.route(
    "/events/<slug>/my-delegation/<int:delegation_id>/requests/<int:registration_id>/accept",
    methods=["POST"],
)
@head_required
def request_accept(event: Event, delegation_id: int, registration_id: int) -> ResponseReturnValue:
    delegation = _headed(event, delegation_id)
    registration = joining.request_of(delegation, registration_id) or abort(404)
    return post_action(
        lambda: joining.accept_request(current_user, registration),
        _portal(event, delegation),
        _("%(name)s is now a member of the delegation.", name=registration.person.full_name),
    )


@bp.route(
    "/events/<slug>/my-delegation/<int:delegation_id>/requests/<int:registration_id>/refuse",
    methods=["POST"],
)
@head_required
def request_refuse(event: Event, delegation_id: int, registration_id: int) -> ResponseReturnValue:
    delegation = _headed(event, delegation_id)
    registration = joining.request_of(delegation, registration_id) or abort(404)
    return post_action(
        lambda: joining.refuse_request(current_user, registration),
        _portal(event, delegation),
        _("The request is refused."),
    )


@manage_bp.route("/events/<slug>/delegations/<int:delegation_id>/join-code", methods=["POST"])
@organizer_required
def rotate_code_manage(event: Event, delegation_id: int) -> ResponseReturnValue:
    delegation = organizer_delegation(event, delegation_id)
    return post_action(
        lambda: codes.rotate_join_code(current_user, delegation),
        url_for("delegations_manage.delegations_list", slug=event.slug),
        _("A new join code is ready; the old one no longer works."),
    )
