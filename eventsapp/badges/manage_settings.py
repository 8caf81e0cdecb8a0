"""Organizer page: the event's badge settings (the optional line from an answer)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from eventsapp.auth.permissions import organizer_required
from eventsapp.badges import answer_line
from eventsapp.badges.forms import BadgeSettingsForm
from eventsapp.badges.manage import bp
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.forms import form_errors_from
from eventsapp.i18n import current_language


@bp.route("/events/<slug>/badges/settings", methods=["GET", "POST"])
@organizer_required
def settings(event: Event) -> ResponseReturnValue:
    current = answer_line.settings_of(event)
    form = BadgeSettingsForm(obj=current)
    questions = answer_line.question_choices(event, current.question_id)
    form.question_id.set_choices(
        [(q.id, f"{q.label(current_language())} ({q.key})") for q in questions]
    )
    if form.validate_on_submit():
        try:
            answer_line.save_settings(
                current_user,
                event,
                form.question_id.data,
                form.caption_en.data or "",
                form.caption_es.data or "",
            )
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("badges_manage.settings", slug=event.slug))
    return render_template("badges/settings.html", event=event, form=form)
