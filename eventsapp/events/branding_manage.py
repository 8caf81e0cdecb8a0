"""Branding pages: the site's (administrators) and an event's override (organizers); the
public logo (the page header); ``branding_of`` for templates (header and e-mail footers)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import Field

from eventsapp import storage
from eventsapp.auth.permissions import admin_required, organizer_required
from eventsapp.errors import DomainError
from eventsapp.events.branding import Branding, branding_for, settings_row
from eventsapp.events.branding_forms import EventBrandingForm, SiteBrandingForm
from eventsapp.events.branding_models import BrandingSettings
from eventsapp.events.branding_service import save_branding
from eventsapp.events.manage import bp
from eventsapp.events.models import Event
from eventsapp.events.views import bp as public_bp
from eventsapp.extensions import db
from eventsapp.forms import form_errors_from
from eventsapp.navigation import add_event_menu_entry

add_event_menu_entry("events_manage.event_branding", _l("Branding"), 4)


@bp.app_context_processor
def _branding_helpers() -> dict[str, Callable[..., Branding]]:
    return {"branding_of": lambda event=None: branding_for(event, files=False)}


def _upload(field: Field) -> bytes | None:
    data = field.data
    if data is None or not getattr(data, "filename", ""):
        return None
    content: bytes = data.read()  # a werkzeug FileStorage
    return content


def _save(
    form: EventBrandingForm, event: Event | None, template: str, back: str, **context: Any
) -> ResponseReturnValue:
    if form.validate_on_submit():
        try:
            save_branding(
                current_user,
                event,
                form.data,
                logo=_upload(form.logo),
                signature=_upload(form.signature),
                remove_logo=form.remove_logo.data,
                remove_signature=form.remove_signature.data,
            )
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(back)
    status = 400 if form.is_submitted() else 200
    row = settings_row(getattr(event, "id", None))
    return render_template(template, form=form, row=row, event=event, **context), status


@bp.route("/branding", methods=["GET", "POST"])
@admin_required
def site_branding() -> ResponseReturnValue:
    form = SiteBrandingForm(obj=settings_row(None))
    back = url_for("events_manage.site_branding")
    return _save(form, None, "manage/branding.html", back)


@bp.route("/events/<slug>/branding", methods=["GET", "POST"])
@organizer_required
def event_branding(event: Event) -> ResponseReturnValue:
    form = EventBrandingForm(obj=settings_row(event.id))
    back = url_for("events_manage.event_branding", slug=event.slug)
    return _save(form, event, "manage/branding.html", back)


@public_bp.route("/branding/logo/<key>")
def logo(key: str) -> ResponseReturnValue:
    """A logo some branding shows (never a signature, never any other stored file)."""
    used = db.session.scalar(
        db.select(BrandingSettings.id).where(BrandingSettings.logo_key == key).limit(1)
    )
    stored = storage.get(key) if used else None
    if stored is None:
        abort(404)
    return storage.send(stored)
