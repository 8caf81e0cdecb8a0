"""List / create / edit / delete pages for simple back-office models.

One declarative description per model instead of four hand-written views each; the rules
of a model stay in its domain's services (the ``check`` hook), and every write is flushed
inside a savepoint and written to the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import Select, or_

from eventsapp.actor import Actor
from eventsapp.audit.services import record, snapshot
from eventsapp.auth.permissions import organizer_required
from eventsapp.crud import DeleteForm, post_action
from eventsapp.db import flush_or_fail
from eventsapp.errors import DomainError
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.forms import form_errors_from, search_text


def save_object(
    actor: Actor,
    obj: Any,
    form: FlaskForm,
    *,
    event: Event | None = None,
    check: Callable[[Any], None] | None = None,
) -> Any:
    """Copy the form's own fields onto ``obj``, check the rules, flush and log."""
    is_new = obj.id is None
    before = None if is_new else snapshot(obj)
    form.populate_obj(obj)
    if event is not None:
        obj.event_id = event.id
    if check is not None:
        check(obj)
    db.session.add(obj)
    flush_or_fail(_("This conflicts with an existing record (a name or e-mail already used)."))
    record(
        actor,
        "create" if is_new else "update",
        obj,
        summary=str(getattr(obj, "name", "") or getattr(obj, "title_en", "") or obj.id),
        before=before,
        after=snapshot(obj),
    )
    return obj


def delete_object(actor: Actor, obj: Any) -> None:
    record(actor, "delete", obj, before=snapshot(obj))
    db.session.delete(obj)
    flush_or_fail(_("This record is still in use and cannot be deleted."))


@dataclass
class Column:
    label: Any
    value: Callable[[Any], Any]


FormT = TypeVar("FormT", bound=FlaskForm)


@dataclass
class CrudPages(Generic[FormT]):
    """Describes the back-office pages of one model."""

    name: str
    model: type[Any]  # any mapped class with an ``id`` (and ``event_id`` when event-scoped)
    form_class: type[FormT]
    title: Any
    singular: Any
    columns: list[Column]
    order_by: Callable[[], Any]
    event_scoped: bool = True
    search_fields: tuple[str, ...] = ()
    prepare_form: Callable[[FormT, Event | None], None] | None = None
    check: Callable[[Any], None] | None = None
    permission: Callable[..., Any] = organizer_required
    template_list: str = "manage/crud_list.html"
    template_form: str = "manage/crud_form.html"
    endpoints: dict[str, str] = field(default_factory=dict)

    def endpoint(self, action: str) -> str:
        return self.endpoints[action]

    # --- queries -------------------------------------------------------------------------
    def _query(self, event: Event | None) -> Select[tuple[Any]]:
        query = db.select(self.model)
        if self.event_scoped:
            assert event is not None  # an event-scoped page's route always names the event
            query = query.where(self.model.event_id == event.id)
        return query

    def _get(self, event: Event | None, object_id: int) -> Any:
        obj = db.session.scalar(self._query(event).where(self.model.id == object_id))
        if obj is None:
            abort(404)
        return obj

    def _url_args(self, event: Event | None) -> dict[str, Any]:
        if not self.event_scoped:
            return {}
        assert event is not None  # an event-scoped page's route always names the event
        return {"slug": event.slug}

    # --- views ---------------------------------------------------------------------------
    def list_view(self, event: Event | None = None) -> str:
        query = self._query(event)
        q = search_text(request.args.get("q"))
        if q and self.search_fields:
            pattern = f"%{q}%"
            query = query.where(
                or_(*(getattr(self.model, f).ilike(pattern) for f in self.search_fields))
            )
        page = db.paginate(
            query.order_by(*self.order_by()),
            per_page=current_app.config["PER_PAGE"],
            error_out=False,
        )
        return render_template(
            self.template_list,
            pages=self,
            page=page,
            event=event,
            q=q,
            url_args=self._url_args(event),
            delete_form=DeleteForm(),
        )

    def form_view(
        self, event: Event | None = None, object_id: int | None = None
    ) -> ResponseReturnValue:
        obj = self._get(event, object_id) if object_id is not None else self.model()
        form = self.form_class(obj=obj)
        if self.prepare_form:
            self.prepare_form(form, event)
        if form.validate_on_submit():
            try:
                save_object(current_user, obj, form, event=event, check=self.check)
            except DomainError as error:
                db.session.rollback()
                form_errors_from(form, error)
            else:
                db.session.commit()
                flash(_("Saved."), "success")
                return redirect(url_for(self.endpoint("list"), **self._url_args(event)))
        return render_template(
            self.template_form,
            pages=self,
            form=form,
            obj=obj,
            event=event,
            url_args=self._url_args(event),
        )

    def delete_view(self, event: Event | None = None, object_id: int = 0) -> ResponseReturnValue:
        obj = self._get(event, object_id)
        return post_action(
            lambda: delete_object(current_user, obj),
            url_for(self.endpoint("list"), **self._url_args(event)),
        )

    def register(self, bp: Blueprint, prefix: str) -> None:
        """Add the routes under ``prefix`` (e.g. '/events/<slug>/rooms')."""
        names = {
            "list": (f"{prefix}/", self.list_view, ["GET"]),
            "new": (f"{prefix}/new", self.form_view, ["GET", "POST"]),
            "edit": (f"{prefix}/<int:object_id>/edit", self.form_view, ["GET", "POST"]),
            "delete": (f"{prefix}/<int:object_id>/delete", self.delete_view, ["POST"]),
        }
        for action, (rule, view, methods) in names.items():
            endpoint = f"{self.name}_{action}"
            bp.add_url_rule(rule, endpoint, self.permission(view), methods=methods)
            self.endpoints[action] = f"{bp.name}.{endpoint}"
