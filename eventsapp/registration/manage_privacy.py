"""Back office: erasing one person from an event (their registration, the event's record
of them and the personal data in its audit log), after a confirmation."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from eventsapp.auth.permissions import organizer_required
from eventsapp.crud import DeleteForm
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.registration import privacy
from eventsapp.registration.manage import _get, bp


@bp.route("/events/<slug>/registrations/<int:registration_id>/erase", methods=["GET", "POST"])
@organizer_required
def registration_erase(event: Event, registration_id: int) -> ResponseReturnValue:
    registration = _get(event, registration_id)
    form = DeleteForm()
    if form.validate_on_submit():
        try:
            privacy.erase_person(current_user, registration)
        except DomainError as error:
            db.session.rollback()
            flash(error.message, "danger")
            return redirect(
                url_for(
                    "registration_manage.registration_detail",
                    slug=event.slug,
                    registration_id=registration_id,
                )
            )
        db.session.commit()
        flash(_("The person and their data at this event are erased."), "success")
        return redirect(url_for("registration_manage.registrations_list", slug=event.slug))
    if request.method == "POST":
        abort(400)
    return render_template(
        "registration/manage_erase.html",
        event=event,
        registration=registration,
        person=registration.person,
        form=form,
    )
