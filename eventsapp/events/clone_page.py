"""Back office: "Copy to a new event" (an administrator's action, as creating one is)."""

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from wtforms import DateField, StringField
from wtforms.validators import DataRequired, Length, Regexp

from eventsapp.auth.permissions import organizer_required
from eventsapp.errors import DomainError
from eventsapp.events.cloning import clone_event, next_year, suggested_start
from eventsapp.events.forms import SLUG_PATTERN
from eventsapp.events.manage import bp
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.forms import FlaskForm, PlainText, form_errors_from


class CopyEventForm(FlaskForm):
    slug = StringField(
        _l("Short name (used in addresses)"),
        validators=[
            DataRequired(),
            Length(max=80),
            Regexp(SLUG_PATTERN, message=_l("Use lower-case letters, digits and hyphens.")),
        ],
    )
    title_en = StringField(_l("Title (English)"), validators=[Length(max=200), PlainText()])
    title_es = StringField(_l("Title (Spanish)"), validators=[Length(max=200), PlainText()])
    start_date = DateField(_l("Start date"), validators=[DataRequired()])


@bp.route("/events/<slug>/copy", methods=["GET", "POST"])
@organizer_required
def copy_event(event: Event) -> ResponseReturnValue:
    if not current_user.is_admin:
        abort(403)
    form = CopyEventForm(
        slug=next_year(event.slug),
        title_en=next_year(event.title_en),
        title_es=next_year(event.title_es),
        start_date=suggested_start(event),
    )
    if form.validate_on_submit():
        slug, start_date = form.slug.data, form.start_date.data
        assert slug is not None and start_date is not None  # DataRequired, validated above
        try:
            copy = clone_event(
                current_user,
                event,
                slug=slug,
                start_date=start_date,
                title_en=form.title_en.data or "",  # given by the form's defaults
                title_es=form.title_es.data or "",
            )
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
        else:
            db.session.commit()
            flash(_("Copied. The new event is a draft: check its dates and settings."), "success")
            return redirect(url_for("events_manage.edit", slug=copy.slug))
    return render_template("manage/event_copy.html", form=form, event=event)
