# ruff: noqa: E501  (a key is a whole route, as in url_map)
"""Who may do what: the expected answer of every route of the app for every role.

A key is "METHOD rule" exactly as in ``app.url_map`` (every rule except ``static``; a rule
answering GET and POST has one row for each). A row gives the answer for each role, in the
order of ``ROLES``:

- anonymous        nobody signed in
- delegate         not signed in, but holding the signed link of their own registration
                   (for the other roles a ``<token>`` is the link of another event's
                   registration: they do not hold this one)
- head_a / head_b  heads of delegations A and B of the event (EventRole HEAD)
- checkin          check-in staff of the event
- other_organizer  organizer of another event
- organizer        organizer of the event
- admin            site administrator

Answers: "ok" (200), "login" (redirect to sign in), "redirect" (any other redirect: the
action was done, or refused with a message), "forbidden" (403), "missing" (404),
"bad request" (400), "unauthorized" (401, JSON API).

Every route naming an object (a session, a registration, a delegation...) is also walked
with an object of ANOTHER event, or for a head's portal of the other delegation B of the
same event (the "foreign" variant): every answer that was not "login", "forbidden" or
"unauthorized" must then be "missing", unless ``foreign`` says otherwise ("same": ids posted
in a form that the form refuses or skips; tests check the other event's data is unchanged).
``fresh`` names parameters (in the URL or the form) that get a new object for each case,
because the action destroys or changes it.

Reviewing a new route means adding its row here: the test fails for a route not listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ROLES = (
    "anonymous",
    "delegate",
    "head_a",
    "head_b",
    "checkin",
    "other_organizer",
    "organizer",
    "admin",
)


@dataclass(frozen=True)
class Row:
    expect: dict
    fresh: dict = field(default_factory=dict)
    foreign: dict | str | None = None  # answers that differ, or "same" as with own ids


def row(*answers: str, fresh=None, foreign=None) -> Row:
    assert len(answers) == len(ROLES)
    return Row(dict(zip(ROLES, answers, strict=True)), fresh or {}, foreign)


def everyone(ok="ok", **kw) -> Row:
    return row(*[ok] * len(ROLES), **kw)


def signed_out_only(ok="ok", signed_in="redirect") -> Row:
    """Sign-in pages: a signed-in user is sent on."""
    return row(ok, ok, *[signed_in] * 6)


def signed_in(ok="ok") -> Row:
    return row("login", "login", *[ok] * 6)


def link_holder(ok="ok", **kw) -> Row:
    """The signed link is the permission: only the delegate holds it."""
    return row("missing", ok, *["missing"] * 6, **kw)


def organizers(ok="ok", **kw) -> Row:
    """Organizers of the event, and admins."""
    return row("login", "login", "forbidden", "forbidden", "forbidden", "forbidden", ok, ok, **kw)


def staff(ok="ok", **kw) -> Row:
    """Check-in staff and organizers of the event, and admins."""
    return row("login", "login", "forbidden", "forbidden", ok, "forbidden", ok, ok, **kw)


def staff_api(ok="ok", **kw) -> Row:
    """The JSON check-in API: 401 instead of a redirect to sign in."""
    return row(
        "unauthorized", "unauthorized", "forbidden", "forbidden", ok, "forbidden", ok, ok, **kw
    )


def head_a(ok="ok", **kw) -> Row:
    """The head of delegation A only (the URL names delegation A): head B sees nothing, an
    organizer holds no head role, an admin passes the role check but heads no delegation."""
    return row(
        "login", "login", ok, "missing", "forbidden", "forbidden", "forbidden", "missing", **kw
    )


def heads(ok="ok") -> Row:
    """Any head of delegation of the event (each is sent to their own portal)."""
    return row("login", "login", ok, ok, "forbidden", "forbidden", "forbidden", ok)


def admins(ok="ok", **kw) -> Row:
    return row("login", "login", *["forbidden"] * 5, ok, **kw)


MATRIX: dict[str, Row] = {
    # --- public pages ---------------------------------------------------------------------
    "GET /": everyone(),
    "GET /healthz": everyone(),  # load balancers: no session, no sign-in
    "GET /language": everyone("redirect"),
    "POST /language": everyone("redirect"),
    "GET /events/<slug>": everyone(),
    "GET /events/<slug>/agenda": everyone(),
    "GET /events/<slug>/agenda.ics": everyone(),
    "GET /events/<slug>/agenda/sessions/<int:session_id>": everyone(),
    "GET /events/<slug>/schedule.json": everyone(),
    "GET /events/<slug>/schedule.xml": everyone(),
    "GET /events/<slug>/speakers": everyone(),
    "GET /events/<slug>/speakers/photos/<name>": everyone(),
    "GET /events/<slug>/privacy": everyone(),
    "GET /events/<slug>/register": everyone(),
    "POST /events/<slug>/register": everyone(),  # empty form: shown again with errors
    "GET /events/<slug>/register/check-your-email": everyone(),
    "GET /events/<slug>/my-registration": everyone(),
    # the public check of an issued document (rate limited; never private details)
    # a logo some branding shows; the matrix's key names none (signatures never served)
    "GET /branding/logo/<key>": everyone("missing"),
    "GET /verify": everyone(),
    "GET /verify/<reference>": everyone(),
    "POST /events/<slug>/my-registration": everyone(),  # empty form: shown again with errors
    # --- sign-in --------------------------------------------------------------------------
    "GET /login": signed_out_only(),
    "POST /login": signed_out_only(),
    "POST /logout": row("login", "login", *["redirect"] * 6),
    "GET /password/forgot": everyone(),
    "POST /password/forgot": everyone(),
    "GET /password/reset/<token>": everyone(),
    "POST /password/reset/<token>": everyone(),
    "GET /account/password": signed_in(),
    "POST /account/password": signed_in(),
    "GET /invitation/<token>": everyone(),
    "POST /invitation/<token>": everyone(),
    # --- the signed registration link -----------------------------------------------------
    "GET /events/<slug>/my-registration/<token>": link_holder(),
    # an empty post keeps the data on file (WTForms falls back to the object): saved
    "POST /events/<slug>/my-registration/<token>": link_holder("redirect"),
    # the answer is a page saying it is done; the link dies with the registration
    "POST /events/<slug>/my-registration/<token>/cancel": link_holder(
        "ok", fresh={"token": "token"}
    ),
    "GET /events/<slug>/my-registration/<token>/cancel": link_holder(),  # the confirmation
    "GET /events/<slug>/my-registration/<token>/data.json": link_holder(),
    "POST /events/<slug>/my-registration/<token>/new-link": link_holder(
        "redirect", fresh={"token": "token"}
    ),
    # an active registration cannot be taken up again: refused with a message
    "POST /events/<slug>/my-registration/<token>/register-again": link_holder("redirect"),
    "GET /events/<slug>/my/<token>/agenda": link_holder(),
    "GET /events/<slug>/my/<token>/agenda.ics": link_holder(),
    "GET /events/<slug>/my/<token>/agenda.pdf": link_holder(),
    # the matrix's event has not happened yet: no certificate (a page says why, 403)
    "GET /events/<slug>/my/<token>/certificate.pdf": link_holder(
        "forbidden", foreign={"delegate": "missing"}
    ),
    "GET /events/<slug>/my/<token>/documents": link_holder(),
    "GET /events/<slug>/my/<token>/visa-letter.pdf": link_holder(),
    "POST /events/<slug>/my/<token>/agenda/<int:session_id>/signup": link_holder("redirect"),
    "POST /events/<slug>/my/<token>/agenda/<int:session_id>/cancel": link_holder("redirect"),
    # --- the head of delegation's portal --------------------------------------------------
    # a head is sent to their portal; an admin heads nothing and sees an empty list
    "GET /events/<slug>/my-delegation/": row(
        "login", "login", "redirect", "redirect", "forbidden", "forbidden", "forbidden", "ok"
    ),
    # foreign: delegation B of the same event, which only its head B may see
    "GET /events/<slug>/my-delegation/<int:delegation_id>/": head_a(foreign={"head_b": "ok"}),
    "POST /events/<slug>/my-delegation/<int:delegation_id>/confirm": head_a(
        "redirect", foreign={"head_b": "redirect"}
    ),
    "GET /events/<slug>/my-delegation/<int:delegation_id>/members/new": head_a(
        foreign={"head_b": "ok"}
    ),
    "POST /events/<slug>/my-delegation/<int:delegation_id>/members/new": head_a(
        foreign={"head_b": "ok"}
    ),
    "GET /events/<slug>/my-delegation/<int:delegation_id>/members/<int:registration_id>/edit": head_a(),
    "POST /events/<slug>/my-delegation/<int:delegation_id>/members/<int:registration_id>/edit": head_a(),
    "POST /events/<slug>/my-delegation/<int:delegation_id>/members/<int:registration_id>/remove": head_a(
        "redirect", fresh={"registration_id": "member"}
    ),
    "GET /events/<slug>/my-delegation/<int:delegation_id>/members/<int:registration_id>/remove": head_a(),
    "POST /events/<slug>/my-delegation/<int:delegation_id>/join-code": head_a(
        "redirect", foreign={"head_b": "redirect"}
    ),
    # foreign: a request to join delegation B, named under A's portal
    "POST /events/<slug>/my-delegation/<int:delegation_id>/requests/<int:registration_id>/accept": head_a(
        "redirect", fresh={"registration_id": "join_request"}
    ),
    "POST /events/<slug>/my-delegation/<int:delegation_id>/requests/<int:registration_id>/refuse": head_a(
        "redirect", fresh={"registration_id": "join_request"}
    ),
    # --- back office: events, team, rooms, tracks -----------------------------------------
    "GET /manage/": signed_in(),
    "GET /manage/events/new": admins(),
    "POST /manage/events/new": admins(),
    "GET /manage/events/<slug>/": organizers(),
    "GET /manage/events/<slug>/edit": organizers(),
    "POST /manage/events/<slug>/edit": organizers("redirect"),
    "GET /manage/events/<slug>/settings": organizers(),
    # the confirmation before deleting an event: only an admin deletes one
    "GET /manage/events/<slug>/delete": row(
        "login", "login", "forbidden", "forbidden", "forbidden", "forbidden", "forbidden", "ok"
    ),
    "POST /manage/events/<slug>/settings": organizers("redirect"),
    # only an admin deletes an event (the organizer of it included)
    "GET /manage/events/<slug>/copy": admins(),
    "POST /manage/events/<slug>/copy": admins(),
    "POST /manage/events/<slug>/delete": row(
        "login",
        "login",
        "forbidden",
        "forbidden",
        "forbidden",
        "forbidden",
        "forbidden",
        "redirect",
        fresh={"slug": "event"},
    ),
    "GET /manage/events/<slug>/team": organizers(),
    "POST /manage/events/<slug>/team": organizers(),
    "GET /manage/events/<slug>/team/<int:role_id>/remove": organizers(),
    "POST /manage/events/<slug>/team/<int:role_id>/remove": organizers(
        "redirect", fresh={"role_id": "role"}
    ),
    "POST /manage/events/<slug>/team/invitations/<int:invitation_id>/withdraw": organizers(
        "redirect", fresh={"invitation_id": "invitation"}
    ),
    "GET /manage/events/<slug>/rooms/": organizers(),
    "GET /manage/events/<slug>/rooms/new": organizers(),
    "POST /manage/events/<slug>/rooms/new": organizers(),
    "GET /manage/events/<slug>/rooms/<int:object_id>/edit": organizers(),
    "POST /manage/events/<slug>/rooms/<int:object_id>/edit": organizers("redirect"),
    "POST /manage/events/<slug>/rooms/<int:object_id>/delete": organizers(
        "redirect", fresh={"object_id": "room"}
    ),
    "GET /manage/events/<slug>/tracks/": organizers(),
    "GET /manage/events/<slug>/tracks/new": organizers(),
    "POST /manage/events/<slug>/tracks/new": organizers(),
    "GET /manage/events/<slug>/tracks/<int:object_id>/edit": organizers(),
    "POST /manage/events/<slug>/tracks/<int:object_id>/edit": organizers("redirect"),
    "POST /manage/events/<slug>/tracks/<int:object_id>/delete": organizers(
        "redirect", fresh={"object_id": "track"}
    ),
    # the shared lists are administrators' (organizers pick from them in forms)
    "GET /manage/jurisdictions/": admins(),
    "GET /manage/jurisdictions/new": admins(),
    "POST /manage/jurisdictions/new": admins(),
    "GET /manage/jurisdictions/<int:object_id>/edit": admins(),
    "POST /manage/jurisdictions/<int:object_id>/edit": admins("redirect"),
    "POST /manage/jurisdictions/<int:object_id>/delete": admins(
        "redirect", fresh={"object_id": "jurisdiction"}
    ),
    "GET /manage/organizations/": admins(),
    "GET /manage/organizations/new": admins(),
    "POST /manage/organizations/new": admins(),
    "GET /manage/organizations/<int:object_id>/edit": admins(),
    "POST /manage/organizations/<int:object_id>/edit": admins("redirect"),
    "POST /manage/organizations/<int:object_id>/delete": admins(
        "redirect", fresh={"object_id": "organization"}
    ),
    "GET /manage/people/": admins(),
    # --- back office: registration questions (eventsapp/questions) -------------------------
    # POSTs with an empty form: refused beside the fields (400) or a button's redirect
    "GET /manage/events/<slug>/questions": organizers(),
    "GET /manage/events/<slug>/questions/new": organizers(),
    "POST /manage/events/<slug>/questions/new": organizers("bad request"),
    "POST /manage/events/<slug>/questions/cutoff": organizers("redirect"),  # empty: no cut-off
    "POST /manage/events/<slug>/questions/order": organizers("bad request"),
    "GET /manage/events/<slug>/questions/<int:question_id>": organizers(),
    "POST /manage/events/<slug>/questions/<int:question_id>": organizers("bad request"),
    "POST /manage/events/<slug>/questions/<int:question_id>/move": organizers("bad request"),
    "POST /manage/events/<slug>/questions/<int:question_id>/retire": organizers(
        "redirect", fresh={"question_id": "question"}
    ),
    "POST /manage/events/<slug>/questions/<int:question_id>/restore": organizers("redirect"),
    "GET /manage/events/<slug>/questions/<int:question_id>/delete": organizers(),
    "POST /manage/events/<slug>/questions/<int:question_id>/delete": organizers(
        "redirect", fresh={"question_id": "question"}
    ),
    "POST /manage/events/<slug>/questions/<int:question_id>/options": organizers("bad request"),
    "POST /manage/events/<slug>/questions/<int:question_id>/options/<int:option_id>": organizers(
        "bad request"
    ),
    "POST /manage/events/<slug>/questions/<int:question_id>/options/<int:option_id>/move": organizers(
        "bad request"
    ),
    "POST /manage/events/<slug>/questions/<int:question_id>/options/<int:option_id>/retire": organizers(
        "redirect", fresh={"option_id": "option"}
    ),
    "POST /manage/events/<slug>/questions/<int:question_id>/options/<int:option_id>/restore": organizers(
        "redirect"
    ),
    "POST /manage/events/<slug>/questions/<int:question_id>/options/<int:option_id>/delete": organizers(
        "redirect", fresh={"option_id": "option"}
    ),
    # --- back office: registrations -------------------------------------------------------
    "GET /manage/events/<slug>/registrations/": organizers(),
    "GET /manage/events/<slug>/registrations/new": organizers(),
    "POST /manage/events/<slug>/registrations/new": organizers(),
    "GET /manage/events/<slug>/registrations/<int:registration_id>": organizers(),
    "GET /manage/events/<slug>/registrations/<int:registration_id>/edit": organizers(),
    "POST /manage/events/<slug>/registrations/<int:registration_id>/edit": organizers(),
    "POST /manage/events/<slug>/registrations/<int:registration_id>/approve": organizers(
        "redirect", fresh={"registration_id": "registration"}
    ),
    "POST /manage/events/<slug>/registrations/<int:registration_id>/decline": organizers(
        "redirect", fresh={"registration_id": "registration"}
    ),
    "POST /manage/events/<slug>/registrations/<int:registration_id>/cancel": organizers(
        "redirect", fresh={"registration_id": "registration"}
    ),
    "POST /manage/events/<slug>/registrations/<int:registration_id>/send-link": organizers(
        "redirect", fresh={"registration_id": "registration"}
    ),
    "POST /manage/events/<slug>/registrations/<int:registration_id>/delete": organizers(
        "redirect", fresh={"registration_id": "registration"}
    ),
    # confirmations before deleting, declining, cancelling
    "GET /manage/events/<slug>/registrations/<int:registration_id>/delete": organizers(),
    "GET /manage/events/<slug>/registrations/<int:registration_id>/decline": organizers(),
    "GET /manage/events/<slug>/registrations/<int:registration_id>/cancel": organizers(),
    "GET /manage/events/<slug>/registrations/<int:registration_id>/erase": organizers(),
    "POST /manage/events/<slug>/registrations/<int:registration_id>/erase": organizers(
        "redirect", fresh={"registration_id": "registration"}
    ),
    "POST /manage/events/<slug>/registrations/<int:registration_id>/join-request/accept": organizers(
        "redirect", fresh={"registration_id": "join_request"}
    ),
    "POST /manage/events/<slug>/registrations/<int:registration_id>/join-request/refuse": organizers(
        "redirect", fresh={"registration_id": "join_request"}
    ),
    # an empty form: refused with a message
    "POST /manage/events/<slug>/registrations/<int:registration_id>/organization": organizers(
        "redirect"
    ),
    # another event's ids in the form are skipped (nothing changes: see the test)
    "POST /manage/events/<slug>/registrations/bulk": organizers("redirect", foreign="same"),
    "POST /manage/events/<slug>/registrations/fill-seats": organizers("redirect"),
    "GET /manage/events/<slug>/registrations/import": organizers(),
    "POST /manage/events/<slug>/registrations/import": organizers(),
    "GET /manage/events/<slug>/registrations/export": organizers(),
    "GET /manage/events/<slug>/registrations/import-template.<fmt>": organizers(),
    # --- back office: background jobs (eventsapp/jobs) ------------------------------------
    "GET /manage/events/<slug>/jobs/<int:job_id>": organizers(),
    "GET /manage/events/<slug>/jobs/<int:job_id>.json": organizers(),
    "GET /manage/events/<slug>/jobs/<int:job_id>/download": organizers(),
    "GET /manage/events/<slug>/reports/": organizers(),
    "GET /manage/events/<slug>/reports/<name>.csv": organizers(),
    # --- back office: delegations ---------------------------------------------------------
    "GET /manage/events/<slug>/delegations/": organizers(),
    "GET /manage/events/<slug>/delegations/new": organizers(),
    "POST /manage/events/<slug>/delegations/new": organizers(),
    "GET /manage/events/<slug>/delegations/<int:delegation_id>/edit": organizers(),
    "POST /manage/events/<slug>/delegations/<int:delegation_id>/edit": organizers("redirect"),
    "GET /manage/events/<slug>/delegations/<int:delegation_id>/invite": organizers(),
    "POST /manage/events/<slug>/delegations/<int:delegation_id>/invite": organizers("redirect"),
    "POST /manage/events/<slug>/delegations/<int:delegation_id>/delete": organizers(
        "redirect", fresh={"delegation_id": "delegation"}
    ),
    "POST /manage/events/<slug>/delegations/<int:delegation_id>/join-code": organizers("redirect"),
    # --- back office: agenda --------------------------------------------------------------
    "GET /manage/events/<slug>/speakers/": organizers(),
    "GET /manage/events/<slug>/speakers/new": organizers(),
    "POST /manage/events/<slug>/speakers/new": organizers(),
    "GET /manage/events/<slug>/speakers/<int:speaker_id>/edit": organizers(),
    "POST /manage/events/<slug>/speakers/<int:speaker_id>/edit": organizers(),
    "POST /manage/events/<slug>/speakers/<int:speaker_id>/delete": organizers(
        "redirect", fresh={"speaker_id": "speaker"}
    ),
    "POST /manage/events/<slug>/speakers/<int:speaker_id>/availability": organizers("redirect"),
    "POST /manage/events/<slug>/speakers/<int:speaker_id>/availability/<int:window_id>/delete": organizers(
        "redirect", fresh={"window_id": "window"}
    ),
    "GET /manage/events/<slug>/speakers/photos/<name>": organizers(),
    "GET /manage/events/<slug>/sessions/": organizers(),
    "GET /manage/events/<slug>/sessions/new": organizers(),
    "POST /manage/events/<slug>/sessions/new": organizers(),
    "GET /manage/events/<slug>/sessions/<int:session_id>/edit": organizers(),
    "POST /manage/events/<slug>/sessions/<int:session_id>/edit": organizers(),
    "POST /manage/events/<slug>/sessions/<int:session_id>/delete": organizers(
        "redirect", fresh={"session_id": "session"}
    ),
    "POST /manage/events/<slug>/sessions/<int:session_id>/publish": organizers("redirect"),
    "POST /manage/events/<slug>/sessions/publish-all": organizers("redirect"),
    "GET /manage/events/<slug>/schedule": organizers(),
    "POST /manage/events/<slug>/schedule/api/sessions": organizers("bad request"),  # empty
    "GET /manage/events/<slug>/schedule/api/sessions/<int:session_id>": organizers(),
    "POST /manage/events/<slug>/schedule/api/sessions/<int:session_id>": organizers(),
    "GET /manage/events/<slug>/conflicts": organizers(),
    # --- back office: badges, documents, mail, audit --------------------------------------
    "GET /manage/events/<slug>/badges": organizers(),
    "POST /manage/events/<slug>/badges": organizers(),
    "GET /manage/events/<slug>/badges/preview/<layout>": organizers(),
    "GET /manage/events/<slug>/badges/settings": organizers(),
    "POST /manage/events/<slug>/badges/settings": organizers("redirect"),
    "POST /manage/events/<slug>/badges/<int:registration_id>/reprint": organizers(),
    "POST /manage/events/<slug>/badges/<int:registration_id>/reissue": organizers(
        "redirect", fresh={"registration_id": "registration"}
    ),
    "GET /manage/events/<slug>/badges/<int:registration_id>/reissue": organizers(),
    "GET /manage/branding": admins(),
    "POST /manage/branding": admins("redirect"),  # every field optional: saved
    "GET /manage/events/<slug>/branding": organizers(),
    "POST /manage/events/<slug>/branding": organizers("redirect"),
    "GET /manage/events/<slug>/documents/": organizers(),
    "GET /manage/events/<slug>/documents/program.pdf": organizers(),
    "POST /manage/events/<slug>/documents/program.pdf": organizers(),
    # the event has not ended: nobody may have a certificate yet (the page names who and why)
    "GET /manage/events/<slug>/documents/certificates.pdf": organizers("bad request"),
    "POST /manage/events/<slug>/documents/certificates.pdf": organizers("bad request"),
    "GET /manage/events/<slug>/documents/tent-cards.pdf": organizers(),
    "GET /manage/events/<slug>/documents/registrations/<int:registration_id>/agenda.pdf": organizers(),
    "GET /manage/events/<slug>/documents/registrations/<int:registration_id>/certificate.pdf": organizers(
        "forbidden", foreign={"organizer": "missing", "admin": "missing"}
    ),
    "POST /manage/events/<slug>/documents/registrations/<int:registration_id>/visa-letter.pdf": organizers(),
    # a delegation of another event is not among the form's choices
    "POST /manage/events/<slug>/documents/visa-letters": organizers(
        foreign={"organizer": "bad request", "admin": "bad request"}
    ),
    "GET /manage/events/<slug>/outbox/": organizers(),
    "GET /manage/events/<slug>/outbox/<int:message_id>": organizers(),
    # the matrix's message was sent: refused with a message (a failed one is tested apart)
    "POST /manage/events/<slug>/outbox/<int:message_id>/retry": organizers("redirect"),
    # --- communications (issue 15) --------------------------------------------------------
    "GET /manage/events/<slug>/mail/templates/": organizers(),
    "GET /manage/events/<slug>/mail/templates/<kind>": organizers(),
    "POST /manage/events/<slug>/mail/templates/<kind>": organizers(),  # form errors
    "POST /manage/events/<slug>/mail/templates/<kind>/reset": organizers("redirect"),
    "GET /manage/events/<slug>/mail/settings": organizers(),
    "POST /manage/events/<slug>/mail/settings": organizers("redirect"),
    "GET /manage/events/<slug>/mail/compose": organizers(foreign="same"),
    # sent as a job (redirect to its page); another event's delegation is not a choice
    "POST /manage/events/<slug>/mail/compose": organizers(
        "redirect", foreign={"organizer": "ok", "admin": "ok"}
    ),
    "GET /manage/events/<slug>/mail/messages/": organizers(),
    # the signed address in a group message is the permission (one-click: no session)
    "GET /mail/unsubscribe/<token>": everyone(),
    "POST /mail/unsubscribe/<token>": everyone(),
    "GET /manage/events/<slug>/audit/": organizers(),
    "GET /manage/events/<slug>/audit/log.csv": organizers(),
    # --- check-in -------------------------------------------------------------------------
    "GET /manage/events/<slug>/checkin/": staff(),
    "POST /manage/events/<slug>/checkin/": staff(),  # an unreadable badge: the red answer
    # a session of another event is not among the form's choices: a message, no change
    "POST /manage/events/<slug>/checkin/setup": staff("redirect", foreign="same"),
    "POST /manage/events/<slug>/checkin/admit": staff(fresh={"registration_id": "registration"}),
    "POST /manage/events/<slug>/checkin/undo": staff(fresh={"registration_id": "checked_in"}),
    "POST /manage/events/<slug>/checkin/reprint": staff(),
    "GET /manage/events/<slug>/checkin/photo/<int:registration_id>": staff(),
    "GET /manage/events/<slug>/checkin/dashboard": staff(),
    "GET /manage/events/<slug>/checkin/arrivals.<fmt>": staff(),
    # --- API v1: a personal token is the only key; a session cookie opens nothing -------
    "GET /api/v1/openapi.json": everyone(),
    "GET /api/v1/docs": everyone(),
    "GET /api/v1/events/<slug>": everyone("unauthorized"),
    "GET /api/v1/events/<slug>/rooms": everyone("unauthorized"),
    "GET /api/v1/events/<slug>/tracks": everyone("unauthorized"),
    "GET /api/v1/events/<slug>/sessions": everyone("unauthorized"),
    "GET /api/v1/events/<slug>/speakers": everyone("unauthorized"),
    "GET /api/v1/events/<slug>/delegations": everyone("unauthorized"),
    "GET /api/v1/events/<slug>/registrations": everyone("unauthorized"),
    "POST /api/v1/events/<slug>/registrations": everyone("unauthorized"),
    "GET /api/v1/events/<slug>/registrations/<int:registration_id>": everyone("unauthorized"),
    "GET /api/v1/events/<slug>/questions": everyone("unauthorized"),
    "GET /api/v1/events/<slug>/registrations/<int:registration_id>/answers": everyone(
        "unauthorized"
    ),
    "PUT /api/v1/events/<slug>/registrations/<int:registration_id>/answers": everyone(
        "unauthorized"
    ),
    "PATCH /api/v1/events/<slug>/registrations/<int:registration_id>/answers": everyone(
        "unauthorized"
    ),
    "PATCH /api/v1/events/<slug>/registrations/<int:registration_id>": everyone("unauthorized"),
    "POST /api/v1/events/<slug>/registrations/<int:registration_id>/cancel": everyone(
        "unauthorized"
    ),
    "GET /api/v1/events/<slug>/checkins": everyone("unauthorized"),
    "POST /api/v1/events/<slug>/checkins": everyone("unauthorized"),
    "GET /manage/events/<slug>/webhooks": organizers(),
    "POST /manage/events/<slug>/webhooks": organizers(),
    "GET /manage/events/<slug>/webhooks/<int:hook_id>": organizers(),
    "POST /manage/events/<slug>/webhooks/<int:hook_id>/switch": organizers("redirect"),
    "POST /manage/events/<slug>/webhooks/<int:hook_id>/delete": organizers(
        "redirect", fresh={"hook_id": "webhook"}
    ),
    "POST /manage/events/<slug>/webhooks/<int:hook_id>/deliveries/<int:delivery_id>/retry": organizers(
        "redirect"
    ),
    "GET /manage/events/<slug>/api-tokens": staff(),
    "POST /manage/events/<slug>/api-tokens": staff(),
    # staff revoke their own token; organizers (and admins) any token of the event
    "POST /manage/events/<slug>/api-tokens/<int:token_id>/revoke": staff(
        "redirect", fresh={"token_id": "api_token"}
    ),
    "GET /api/events/<slug>/checkin": staff_api(),
    "POST /api/events/<slug>/checkin": staff_api(fresh={"registration_id": "registration"}),
    "POST /api/events/<slug>/checkin/undo": staff_api(fresh={"registration_id": "checked_in"}),
    "GET /api/events/<slug>/checkin/search": staff_api(),
    "GET /api/events/<slug>/checkin/arrivals": staff_api(),
    # --- travel and accommodation (issue 16; the matrix's events collect it) -------------
    # the registrant's own page through the link; an empty post keeps nothing: saved
    "GET /events/<slug>/my/<token>/travel": link_holder(),
    "POST /events/<slug>/my/<token>/travel": link_holder("redirect"),
    # the head's page for a member of their delegation (foreign: a member of B)
    "GET /events/<slug>/my-delegation/<int:delegation_id>/members/<int:registration_id>/travel": head_a(),
    "POST /events/<slug>/my-delegation/<int:delegation_id>/members/<int:registration_id>/travel": head_a(
        "redirect"
    ),
    # the back office: organizers only (check-in staff never read anyone's travel)
    "GET /manage/events/<slug>/travel/": organizers(),
    "POST /manage/events/<slug>/travel/": organizers("redirect"),  # the switch, kept on
    "GET /manage/events/<slug>/travel/travellers": organizers(),
    "GET /manage/events/<slug>/travel/registrations/<int:registration_id>": organizers(),
    "POST /manage/events/<slug>/travel/registrations/<int:registration_id>": organizers("redirect"),
    "GET /manage/events/<slug>/travel/hotels/new": organizers(),
    "POST /manage/events/<slug>/travel/hotels/new": organizers(),  # empty: errors shown
    "GET /manage/events/<slug>/travel/hotels/<int:hotel_id>/edit": organizers(),
    "POST /manage/events/<slug>/travel/hotels/<int:hotel_id>/edit": organizers("redirect"),
    "POST /manage/events/<slug>/travel/hotels/<int:hotel_id>/delete": organizers(
        "redirect", fresh={"hotel_id": "hotel"}
    ),
    "GET /manage/events/<slug>/travel/hotels/<int:hotel_id>/blocks/new": organizers(),
    "POST /manage/events/<slug>/travel/hotels/<int:hotel_id>/blocks/new": organizers(),
    "GET /manage/events/<slug>/travel/blocks/<int:block_id>/edit": organizers(),
    # the room count must be typed (InputRequired): an empty post shows the error
    "POST /manage/events/<slug>/travel/blocks/<int:block_id>/edit": organizers(),
    "POST /manage/events/<slug>/travel/blocks/<int:block_id>/delete": organizers(
        "redirect", fresh={"block_id": "block"}
    ),
    "GET /manage/events/<slug>/travel/hotels/<int:hotel_id>/rooming-list.xlsx": organizers(),
    "GET /manage/events/<slug>/travel/arrivals.xlsx": organizers(),
    "GET /manage/events/<slug>/travel/arrivals.pdf": organizers(),
}
