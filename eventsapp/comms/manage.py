"""Back office: the wording of each automatic mail (English and Spanish, placeholders
checked on save, preview with a real registrant, a test to oneself, reset to default) and
the event's mail settings (reply-to address, reminders)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from eventsapp.auth.permissions import organizer_required
from eventsapp.comms import texts
from eventsapp.comms.forms import BilingualTextForm, MailSettingsForm
from eventsapp.crud import DeleteForm
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.mail.kinds import KINDS
from eventsapp.mail.templating import (
    reset_templates,
    save_settings,
    save_templates,
    settings_of,
    stored_templates,
    wording,
)
from eventsapp.navigation import add_event_menu_entry
from eventsapp.registration.models import Registration

bp = Blueprint("comms_manage", __name__, url_prefix="/manage")

add_event_menu_entry("comms_manage.templates", _l("Mail texts"), 41)

SETTING_FIELDS = (
    "reply_to",
    "closing_days",
    "remind_closing",
    "remind_passport",
    "remind_day_before",
    "remind_after_event",
)


@bp.route("/events/<slug>/mail/templates/")
@organizer_required
def templates(event: Event) -> ResponseReturnValue:
    customized = {kind: bool(stored_templates(event.id, kind)) for kind in KINDS}
    return render_template("comms/templates.html", event=event, kinds=KINDS, customized=customized)


def sample_choices(form: BilingualTextForm, event: Event) -> dict[int, Registration]:
    registrations = {r.id: r for r in texts.sample_registrations(event)}
    form.sample_id.set_choices(
        [(r.id, f"{r.person.full_name} <{r.person.email}>") for r in registrations.values()]
    )
    return registrations


@bp.route("/events/<slug>/mail/templates/<kind>", methods=["GET", "POST"])
@organizer_required
def template_edit(event: Event, kind: str) -> ResponseReturnValue:
    spec = KINDS.get(kind)
    if spec is None:
        abort(404)
    form = BilingualTextForm()
    samples = sample_choices(form, event)
    if request.method == "GET":
        for lang in ("en", "es"):
            subject, body = wording(event.id, kind, lang)
            getattr(form, f"subject_{lang}").data = subject
            getattr(form, f"body_{lang}").data = body
        form.sample_id.data = next(iter(samples), None)
    previews = []
    if request.method == "POST":
        valid = form.validate_on_submit()
        valid = form.check_placeholders(spec.placeholders) and valid
        if valid:
            action = request.form.get("action", "save")
            sample = samples.get(form.sample_id.data)
            if action == "preview":
                previews = texts.previews(event, form.texts(), sample)
            elif action == "test":
                texts.send_test(current_user, event, form.texts(), sample)
                db.session.commit()
                flash(
                    _("A test in each language went to %(email)s.", email=current_user.email),
                    "success",
                )
                previews = texts.previews(event, form.texts(), sample)
            else:
                save_templates(current_user, event, kind, form.texts())
                db.session.commit()
                flash(_("Saved."), "success")
                return redirect(url_for("comms_manage.template_edit", slug=event.slug, kind=kind))
    return render_template(
        "comms/template_form.html",
        event=event,
        kind=spec,
        form=form,
        previews=previews,
        customized=bool(stored_templates(event.id, kind)),
        reset_form=DeleteForm(),
    )


@bp.route("/events/<slug>/mail/templates/<kind>/reset", methods=["POST"])
@organizer_required
def template_reset(event: Event, kind: str) -> ResponseReturnValue:
    if kind not in KINDS:
        abort(404)
    if not DeleteForm().validate_on_submit():
        abort(400)
    reset_templates(current_user, event, kind)
    db.session.commit()
    flash(_("The default text is back."), "success")
    return redirect(url_for("comms_manage.template_edit", slug=event.slug, kind=kind))


@bp.route("/events/<slug>/mail/settings", methods=["GET", "POST"])
@organizer_required
def settings(event: Event) -> ResponseReturnValue:
    current = settings_of(event.id)
    form = MailSettingsForm(obj=current)
    if form.validate_on_submit():
        save_settings(current_user, event, {n: getattr(form, n).data for n in SETTING_FIELDS})
        db.session.commit()
        flash(_("Saved."), "success")
        return redirect(url_for("comms_manage.settings", slug=event.slug))
    return render_template("comms/settings.html", event=event, form=form)
