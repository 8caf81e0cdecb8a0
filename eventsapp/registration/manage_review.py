"""Back office: what a registrant asked for that an organizer settles — a request to join a
delegation (accept or refuse) and an organization typed because it was not in the list
(map it to a listed one)."""

from flask import url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from eventsapp.auth.permissions import organizer_required
from eventsapp.crud import post_action
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.registration import joining, organizations
from eventsapp.registration.forms import OrganizationMapForm
from eventsapp.registration.manage import _get, bp
from eventsapp.registration.models import Registration


def _detail(event: Event, registration: Registration) -> str:
    return url_for(
        "registration_manage.registration_detail", slug=event.slug, registration_id=registration.id
    )


@bp.route(
    "/events/<slug>/registrations/<int:registration_id>/join-request/accept", methods=["POST"]
)
@organizer_required
def join_request_accept(event: Event, registration_id: int) -> ResponseReturnValue:
    registration = _get(event, registration_id)
    return post_action(
        lambda: joining.accept_request(current_user, registration),
        _detail(event, registration),
        _("The request to join is accepted."),
    )


@bp.route(
    "/events/<slug>/registrations/<int:registration_id>/join-request/refuse", methods=["POST"]
)
@organizer_required
def join_request_refuse(event: Event, registration_id: int) -> ResponseReturnValue:
    registration = _get(event, registration_id)
    return post_action(
        lambda: joining.refuse_request(current_user, registration),
        _detail(event, registration),
        _("The request is refused."),
    )


@bp.route("/events/<slug>/registrations/<int:registration_id>/organization", methods=["POST"])
@organizer_required
def organization_map(event: Event, registration_id: int) -> ResponseReturnValue:
    registration = _get(event, registration_id)
    form = OrganizationMapForm()

    def action() -> None:
        if not form.validate():
            raise DomainError(_("Choose an organization from the list."))
        organizations.map_organization(current_user, registration, form.organization_id.data)

    return post_action(action, _detail(event, registration), _("Saved."))
