"""The back office's routes for the choices of a question (on the questions blueprint):
add, rename and set places, move, retire, restore, delete."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from eventsapp.auth.permissions import organizer_required
from eventsapp.crud import post_action
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.forms import form_errors_from
from eventsapp.questions import option_services as services
from eventsapp.questions.forms import MoveForm, OptionForm
from eventsapp.questions.manage import bp, question_of, question_page
from eventsapp.questions.models import Question, QuestionOption


def _option(question: Question, option_id: int) -> QuestionOption:
    option = db.session.get(QuestionOption, option_id)
    if option is None or option.question_id != question.id:
        abort(404)
    return option


def _page(question: Question, anchor: str = "choices") -> str:
    url = url_for(".question_edit", slug=question.event.slug, question_id=question.id)
    return f"{url}#{anchor}"


def _save(
    event: Event, question: Question, form: OptionForm, option: QuestionOption | None
) -> ResponseReturnValue:
    if form.validate_on_submit():
        args = (form.label_en.data or "", form.label_es.data or "", form.capacity.data)
        try:
            if option is None:
                services.add_option(current_user, question, *args)
            else:
                services.update_option(current_user, option, *args)
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
        else:
            db.session.commit()
            flash(_("Choice saved."), "success")
            return redirect(_page(question))
    return question_page(event, question, form, option.id if option is not None else None)


@bp.post("/<int:question_id>/options")
@organizer_required
def option_add(event: Event, question_id: int) -> ResponseReturnValue:
    question = question_of(event, question_id)
    return _save(event, question, OptionForm(prefix="new"), None)


@bp.post("/<int:question_id>/options/<int:option_id>")
@organizer_required
def option_edit(event: Event, question_id: int, option_id: int) -> ResponseReturnValue:
    question = question_of(event, question_id)
    option = _option(question, option_id)
    return _save(event, question, OptionForm(prefix=f"o{option.id}"), option)


@bp.post("/<int:question_id>/options/<int:option_id>/move")
@organizer_required
def option_move(event: Event, question_id: int, option_id: int) -> ResponseReturnValue:
    question = question_of(event, question_id)
    option = _option(question, option_id)
    form = MoveForm()
    if not form.validate_on_submit():
        abort(400)
    return post_action(
        lambda: services.move_option(current_user, option, form.step),
        _page(question, f"choice-{option.id}"),
        _("Moved."),
    )


@bp.post("/<int:question_id>/options/<int:option_id>/retire")
@organizer_required
def option_retire(event: Event, question_id: int, option_id: int) -> ResponseReturnValue:
    question = question_of(event, question_id)
    option = _option(question, option_id)
    return post_action(
        lambda: services.retire_option(current_user, option),
        _page(question),
        _("Choice retired: nobody can choose it any more; the answers that chose it keep it."),
    )


@bp.post("/<int:question_id>/options/<int:option_id>/restore")
@organizer_required
def option_restore(event: Event, question_id: int, option_id: int) -> ResponseReturnValue:
    question = question_of(event, question_id)
    option = _option(question, option_id)
    return post_action(
        lambda: services.restore_option(current_user, option),
        _page(question),
        _("Choice restored."),
    )


@bp.post("/<int:question_id>/options/<int:option_id>/delete")
@organizer_required
def option_delete(event: Event, question_id: int, option_id: int) -> ResponseReturnValue:
    question = question_of(event, question_id)
    option = _option(question, option_id)
    return post_action(
        lambda: services.delete_option(current_user, option),
        _page(question),
        _("Choice deleted."),
    )
