"""The back office's webhooks pages (organizers): add, list, switch, remove, deliveries."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from eventsapp.auth.permissions import organizer_required
from eventsapp.events.models import Event
from eventsapp.extensions import db
from eventsapp.navigation import add_event_menu_entry
from eventsapp.webhooks import services
from eventsapp.webhooks.forms import STATE_LABELS, TYPE_LABELS, WebhookForm
from eventsapp.webhooks.models import Webhook, WebhookDelivery

bp = Blueprint("webhooks_manage", __name__, url_prefix="/manage/events/<slug>/webhooks")
add_event_menu_entry("webhooks_manage.webhook_list", _l("Webhooks"), 8)


def _hook(event: Event, hook_id: int) -> Webhook:
    hook = db.session.get(Webhook, hook_id)
    if hook is None or hook.event_id != event.id:
        abort(404)
    return hook


@bp.route("", methods=["GET", "POST"])
@organizer_required
def webhook_list(event: Event) -> ResponseReturnValue:
    form = WebhookForm()
    if form.validate_on_submit():
        hook = services.add_webhook(
            current_user, event, form.url.data or "", form.event_types.data or []
        )
        db.session.commit()
        flash(_("Webhook added. Give its secret to the receiving program."), "success")
        return redirect(url_for(".webhook_detail", slug=event.slug, hook_id=hook.id))
    hooks = db.session.scalars(
        db.select(Webhook).where(Webhook.event_id == event.id).order_by(Webhook.id)
    ).all()
    return render_template(
        "webhooks/list.html", event=event, form=form, hooks=hooks, labels=TYPE_LABELS
    )


@bp.get("/<int:hook_id>")
@organizer_required
def webhook_detail(event: Event, hook_id: int) -> ResponseReturnValue:
    hook = _hook(event, hook_id)
    return render_template(
        "webhooks/detail.html",
        event=event,
        hook=hook,
        deliveries=services.recent_deliveries(hook),
        labels=TYPE_LABELS,
        states=STATE_LABELS,
    )


@bp.post("/<int:hook_id>/switch")
@organizer_required
def webhook_switch(event: Event, hook_id: int) -> ResponseReturnValue:
    hook = _hook(event, hook_id)
    services.switch(current_user, hook, not hook.active)
    db.session.commit()
    flash(_("Webhook switched on.") if hook.active else _("Webhook switched off."), "success")
    return redirect(url_for(".webhook_detail", slug=event.slug, hook_id=hook.id))


@bp.post("/<int:hook_id>/delete")
@organizer_required
def webhook_delete(event: Event, hook_id: int) -> ResponseReturnValue:
    services.remove(current_user, _hook(event, hook_id))
    db.session.commit()
    flash(_("Webhook removed."), "success")
    return redirect(url_for(".webhook_list", slug=event.slug))


@bp.post("/<int:hook_id>/deliveries/<int:delivery_id>/retry")
@organizer_required
def delivery_retry(event: Event, hook_id: int, delivery_id: int) -> ResponseReturnValue:
    hook = _hook(event, hook_id)
    delivery = db.session.get(WebhookDelivery, delivery_id)
    if delivery is None or delivery.webhook_id != hook.id:
        abort(404)
    services.send_again(current_user, delivery)
    db.session.commit()
    flash(_("The delivery will be sent again."), "success")
    return redirect(url_for(".webhook_detail", slug=event.slug, hook_id=hook.id))
