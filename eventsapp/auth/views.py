"""Sign-in, sign-out, password reset and change."""

from collections.abc import Callable

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from eventsapp.auth import invitations, passwords, services, sessions
from eventsapp.auth.forms import (
    ChangePasswordForm,
    ConfirmForm,
    ForgotPasswordForm,
    LoginForm,
    NewAccountInvitationForm,
    ResetPasswordForm,
)
from eventsapp.auth.landing import landing_url
from eventsapp.auth.models import EventRoleKind, Invitation
from eventsapp.errors import DomainError
from eventsapp.extensions import db, limiter
from eventsapp.forms import add_error
from eventsapp.http import View, safe_next
from eventsapp.i18n import keep_language, use_language

bp = Blueprint("auth", __name__)


def _email_key() -> str:
    return "account:" + (request.form.get("email") or "").strip().lower()


def _reset_key() -> str:
    user = passwords.user_for_token((request.view_args or {}).get("token", ""))
    return f"account-id:{user.id}" if user else "account-id:unknown"


def _signed_in_key() -> str:
    # Limits may be checked before login_required has run.
    return f"account-id:{current_user.id}" if current_user.is_authenticated else "anonymous"


def rate_limited(account_key: Callable[[], str]) -> Callable[[View], View]:
    """Per address and per account, so that guessing one account from many addresses is
    slowed too. Only POSTs count."""

    def decorator(view: View) -> View:
        view = limiter.limit("5/minute;30/hour", key_func=account_key, methods=["POST"])(view)
        return limiter.limit("10/minute;60/hour", methods=["POST"])(view)

    return decorator


@bp.route("/login", methods=["GET", "POST"])
@rate_limited(_email_key)
def login() -> ResponseReturnValue:
    if current_user.is_authenticated:
        return redirect(landing_url(current_user))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data or "", form.password.data or "")
        except DomainError as error:
            add_error(form.password, str(error.message))
        else:
            db.session.commit()
            sessions.start_session(user)
            flash(_("Signed in."), "success")
            return redirect(safe_next(form.next.data, landing_url(user)))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout() -> ResponseReturnValue:
    # A new session token: every other session of this user ends too.
    services.end_all_sessions(current_user._get_current_object())
    db.session.commit()
    sessions.end_session()
    flash(_("Signed out."), "info")
    return redirect(url_for("events.index"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@rate_limited(_signed_in_key)
def change_password() -> ResponseReturnValue:
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            services.change_password(
                user, form.current_password.data or "", form.password.data or ""
            )
        except DomainError as error:
            db.session.rollback()
            add_error(getattr(form, error.field or "password"), str(error.message))
        else:
            db.session.commit()
            sessions.start_session(user)  # this session goes on, with the new token
            flash(_("Your password is changed. Your other sessions have ended."), "success")
            return redirect(url_for("events_manage.index"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/password/forgot", methods=["GET", "POST"])
@rate_limited(_email_key)
def forgot_password() -> ResponseReturnValue:
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        passwords.request_reset(form.email.data or "")
        db.session.commit()
        # The same answer whether or not the account exists (no account discovery).
        flash(_("If an account exists for this address, we have sent it a link."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@rate_limited(_reset_key)
def reset_password(token: str) -> ResponseReturnValue:
    try:
        passwords.reset_for_token(token)
    except DomainError as error:
        flash(error.message, "danger")
        return redirect(url_for("auth.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            passwords.reset_password(token, form.password.data or "")
        except DomainError as error:
            db.session.rollback()
            add_error(form.password, str(error.message))
        else:
            db.session.commit()
            sessions.end_session()
            flash(_("Your password is set. Please sign in."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)


def _after_acceptance(invitation: Invitation) -> str:
    event = invitation.event
    if invitation.role is EventRoleKind.HEAD:
        return url_for(
            "delegations.portal", slug=event.slug, delegation_id=invitation.delegation_id
        )
    if invitation.role is EventRoleKind.CHECKIN:
        return url_for("checkin.desk", slug=event.slug)
    return url_for("events_manage.dashboard", slug=event.slug)


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@limiter.limit("10/minute;60/hour", methods=["POST"])
def accept_invitation(token: str) -> ResponseReturnValue:
    """An invited address with an account accepts by signing in as it (its password is never
    set here); a new address chooses the password of its new account."""
    try:
        invitation = invitations.pending_invitation(token)
    except DomainError as error:
        return render_template("auth/invitation_invalid.html", message=error.message), 400
    use_language(invitation.language)
    has_account = invitations.account_exists(invitation)
    form: ConfirmForm | NewAccountInvitationForm
    form = ConfirmForm() if has_account else NewAccountInvitationForm(name=invitation.name)
    if request.method == "POST":
        if not form.validate_on_submit():
            if has_account:
                abort(400)
        else:
            try:
                if has_account:
                    user = current_user._get_current_object()
                    invitations.accept_signed_in(invitation, user)
                elif isinstance(form, NewAccountInvitationForm):
                    user = invitations.accept_new_account(
                        invitation, form.password.data or "", form.name.data or ""
                    )
            except DomainError as error:
                db.session.rollback()
                if has_account:
                    flash(error.message, "danger")
                    return redirect(url_for("auth.accept_invitation", token=token))
                if isinstance(form, NewAccountInvitationForm):
                    add_error(form.password, error.message)
            else:
                db.session.commit()
                if not has_account:
                    sessions.start_session(user)  # a fresh session, as at sign-in
                keep_language(invitation.language)
                flash(_("Welcome! The invitation is accepted."), "success")
                return redirect(_after_acceptance(invitation))
    return render_template(
        "auth/accept_invitation.html",
        invitation=invitation,
        form=form,
        has_account=has_account,
        role_labels=invitations.ROLE_LABELS,
        signed_in_as=current_user.email if current_user.is_authenticated else None,
        login_next=url_for("auth.login", next=request.path),
    )
