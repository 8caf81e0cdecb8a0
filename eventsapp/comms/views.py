"""Public: leave an event's group messages through the signed address in each one
(``List-Unsubscribe``). GET shows a button; POST records the opt-out, also the one-click
POST a mail client sends by itself (RFC 8058: no session, no CSRF token; the signed token
is the permission). Transactional mails (confirmations, links) still go."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from flask.typing import ResponseReturnValue

from eventsapp.comms.group_send import read_unsubscribe_token
from eventsapp.events.models import Event
from eventsapp.extensions import csrf, db
from eventsapp.mail.templating import opt_out

bp = Blueprint("comms", __name__)


@bp.route("/mail/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token: str) -> ResponseReturnValue:
    found = read_unsubscribe_token(token)
    event = db.session.get(Event, found[0]) if found else None
    if event is None or found is None:  # no event without a token that reads
        abort(404)
    done = False
    if request.method == "POST":
        opt_out(event.id, found[1])
        db.session.commit()
        done = True
    return render_template("comms/unsubscribe.html", event=event, done=done, token=token)
