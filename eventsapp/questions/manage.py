"""The back office's questions pages (organizers of the event): the list with its order
and the answers' cut-off, a question's form, retiring, restoring and deleting. The choices
of a question have their routes in ``manage_options``."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from eventsapp.auth.permissions import event_object_or_404, organizer_required
from eventsapp.confirm import confirmation_page
from eventsapp.crud import DeleteForm, post_action
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.forms import form_errors_from
from eventsapp.i18n import current_language
from eventsapp.navigation import add_event_menu_entry
from eventsapp.questions import conditions, labels, ordering
from eventsapp.questions import manage_services as services
from eventsapp.questions.forms import CutoffForm, MoveForm, OptionForm, OrderForm, QuestionEditForm
from eventsapp.questions.models import Question
from eventsapp.questions.option_services import chosen_option_ids
from eventsapp.timezones import to_wall

bp = Blueprint("questions_manage", __name__, url_prefix="/manage/events/<slug>/questions")
add_event_menu_entry("questions_manage.question_list", _l("Questions"), 12)


def question_of(event: Event, question_id: int) -> Question:
    return event_object_or_404(Question, event, question_id)


def _list_url(event: Event) -> str:
    return url_for(".question_list", slug=event.slug)


def _edit_url(question: Question) -> str:
    return url_for(".question_edit", slug=question.event.slug, question_id=question.id)


@bp.get("")
@organizer_required
def question_list(event: Event) -> ResponseReturnValue:
    cutoff_form = CutoffForm()
    cutoff_form.answers_editable_until.data = to_wall(event.answers_editable_until, event.timezone)
    return _render_list(event, cutoff_form)


def _render_list(event: Event, cutoff_form: CutoffForm) -> str:
    questions = services.event_questions(event.id)
    lang = current_language()
    return render_template(
        "questions/list.html",
        event=event,
        live=[q for q in questions if not q.is_retired],
        retired=[q for q in questions if q.is_retired],
        answers=services.answer_counts([q.id for q in questions]),
        conditions={q.id: conditions.describe(q, lang) for q in questions},
        labels=labels,
        lang=lang,
        cutoff_form=cutoff_form,
        order_form=OrderForm(),
        form=DeleteForm(),
    )


@bp.post("/cutoff")
@organizer_required
def cutoff(event: Event) -> ResponseReturnValue:
    form = CutoffForm()
    if form.validate_on_submit():
        try:
            services.set_cutoff(current_user, event, form.answers_editable_until.data)
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(_list_url(event))
    return _render_list(event, form), 400


@bp.post("/order")
@organizer_required
def order(event: Event) -> ResponseReturnValue:
    form = OrderForm()
    if not form.validate_on_submit():
        abort(400)
    return post_action(
        lambda: ordering.set_order(current_user, event, form.ids),
        _list_url(event),
        _("The new order is saved."),
    )


def _question_form(event: Event, question: Question | None) -> ResponseReturnValue:
    lang = current_language()
    questions = services.event_questions(event.id)
    form = QuestionEditForm(
        obj=question, condition_choices=conditions.choices(questions, question, lang)
    )
    if question is not None and not form.is_submitted():
        form.prefill(question, conditions.condition_text(question))
        form.new_options.data = ""
    if form.validate_on_submit():
        try:
            data = form.data_for_service()
            if question is None:
                question = services.create_question(current_user, event, data)
            else:
                services.update_question(current_user, question, data)
        except DomainError as error:
            db.session.rollback()
            form_errors_from(form, error)
        else:
            db.session.commit()
            flash(_("Question saved."), "success")
            return redirect(_edit_url(question))
    return _render_form(event, question, form)


def _render_form(
    event: Event,
    question: Question | None,
    form: QuestionEditForm,
    *,
    failed: OptionForm | None = None,
    failed_id: int | None = None,
) -> tuple[str, int]:
    """The question's page; ``failed`` is the choice form (of choice ``failed_id``, None:
    the new one) shown again with its errors."""
    option_forms = {}
    chosen: set[int] = set()
    answered = False
    if question is not None:
        answered = services.has_answers(question)
        chosen = chosen_option_ids([o.id for o in question.options])
        for option in question.options:
            option_forms[option.id] = (
                failed
                if failed is not None and failed_id == option.id
                else OptionForm(prefix=f"o{option.id}", obj=option, formdata=None)
            )
    new_option_form = failed if failed is not None and failed_id is None else None
    status = 400 if form.errors or failed is not None else 200
    return render_template(
        "questions/form.html",
        event=event,
        question=question,
        form=form,
        answered=answered,
        option_forms=option_forms,
        new_option_form=new_option_form or OptionForm(prefix="new", formdata=None),
        chosen=chosen,
        lang=current_language(),
        action_form=DeleteForm(),
    ), status


def question_page(
    event: Event, question: Question, failed: OptionForm, failed_id: int | None
) -> ResponseReturnValue:
    """The question's page again, with a choice form's errors (manage_options)."""
    lang = current_language()
    form = QuestionEditForm(
        formdata=None,
        obj=question,
        condition_choices=conditions.choices(services.event_questions(event.id), question, lang),
    )
    form.prefill(question, conditions.condition_text(question))
    form.new_options.data = ""
    return _render_form(event, question, form, failed=failed, failed_id=failed_id)


@bp.route("/new", methods=["GET", "POST"])
@organizer_required
def question_new(event: Event) -> ResponseReturnValue:
    return _question_form(event, None)


@bp.route("/<int:question_id>", methods=["GET", "POST"])
@organizer_required
def question_edit(event: Event, question_id: int) -> ResponseReturnValue:
    return _question_form(event, question_of(event, question_id))


@bp.post("/<int:question_id>/move")
@organizer_required
def question_move(event: Event, question_id: int) -> ResponseReturnValue:
    question = question_of(event, question_id)
    form = MoveForm()
    if not form.validate_on_submit():
        abort(400)
    return post_action(
        lambda: ordering.move_question(current_user, question, form.step),
        _list_url(event) + f"#question-{question.id}",
        _("Moved."),
    )


@bp.post("/<int:question_id>/retire")
@organizer_required
def question_retire(event: Event, question_id: int) -> ResponseReturnValue:
    question = question_of(event, question_id)
    return post_action(
        lambda: services.retire_question(current_user, question),
        _list_url(event),
        _("Question retired: it leaves the forms; its answers stay."),
    )


@bp.post("/<int:question_id>/restore")
@organizer_required
def question_restore(event: Event, question_id: int) -> ResponseReturnValue:
    question = question_of(event, question_id)
    return post_action(
        lambda: services.restore_question(current_user, question),
        _list_url(event),
        _("Question restored, at the end of the list."),
    )


@bp.route("/<int:question_id>/delete", methods=["GET", "POST"])
@organizer_required
def question_delete(event: Event, question_id: int) -> ResponseReturnValue:
    question = question_of(event, question_id)
    action = url_for(".question_delete", slug=event.slug, question_id=question.id)
    if not DeleteForm().is_submitted():
        return confirmation_page(
            title=_("Delete the question “%(label)s”?", label=question.label(current_language())),
            consequence=_("Nobody answered it yet. It is removed for good."),
            action=action,
            button=_("Delete"),
            back=_edit_url(question),
        )
    return post_action(
        lambda: services.delete_question(current_user, question),
        _list_url(event),
        _("Question deleted."),
    )
