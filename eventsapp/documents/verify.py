"""The public verification page of an issued document: ``/verify/<reference>``.

What a consular officer or a bar association checks against the paper: the reference, the
holder's name, the event, the kind of document, the issue date and whether it is still
valid. Never the passport number or any other private detail. Rate limited: a reference is
60 random bits, and guessing is slowed further per client."""

from __future__ import annotations

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue

from eventsapp.documents.issued import by_reference, normalized
from eventsapp.extensions import limiter

bp = Blueprint("verify", __name__)

LIMIT = "30/minute;300/hour"


@bp.route("/verify")
@limiter.limit(LIMIT)
def lookup() -> ResponseReturnValue:
    """A reference typed into the form: on to its page."""
    reference = normalized(request.args.get("reference", "")[:40])
    if not reference:
        return render_template("documents/verify.html", document=None, reference=""), 200
    return redirect(url_for("verify.document", reference=reference), 303)


@bp.route("/verify/<reference>")
@limiter.limit(LIMIT)
def document(reference: str) -> ResponseReturnValue:
    found = by_reference(reference[:40])
    headers = {"Cache-Control": "no-store", "X-Robots-Tag": "noindex"}
    if found is None:
        page = render_template("documents/verify.html", document=None, reference=reference[:40])
        return page, 404, headers
    registration = found.registration
    holder = registration.person.full_name if registration is not None else ""
    page = render_template(
        "documents/verify.html",
        document=found,
        reference=found.reference,
        holder=holder,
        event=found.event,
    )
    return page, 200, headers
