"""Sign-in, sign-out, password reset and change."""

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from eventsapp.auth import passwords, services, sessions
from eventsapp.auth.forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    LoginForm,
    ResetPasswordForm,
)
from eventsapp.errors import DomainError
from eventsapp.extensions import db, limiter

bp = Blueprint("auth", __name__)


def _email_key() -> str:
    return "account:" + (request.form.get("email") or "").strip().lower()


def _reset_key() -> str:
    user = passwords.user_for_token((request.view_args or {}).get("token", ""))
    return f"account-id:{user.id}" if user else "account-id:unknown"


def _signed_in_key() -> str:
    # Limits may be checked before login_required has run.
    return f"account-id:{current_user.id}" if current_user.is_authenticated else "anonymous"


def rate_limited(account_key):
    """Per address and per account, so that guessing one account from many addresses is
    slowed too. Only POSTs count."""

    def decorator(view):
        view = limiter.limit("5/minute;30/hour", key_func=account_key, methods=["POST"])(view)
        return limiter.limit("10/minute;60/hour", methods=["POST"])(view)

    return decorator


def safe_next(target: str | None, default: str) -> str:
    """Only a path on this site: no scheme, no host, no protocol-relative '//', no backslash
    and no control character (browsers drop tabs and newlines, turning '/\\t/x' into '//x')."""
    if not target or len(target) > 2000:
        return default
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F or ch == "\\" for ch in target):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    return target


@bp.route("/login", methods=["GET", "POST"])
@rate_limited(_email_key)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("events_manage.index"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        try:
            user = services.authenticate(form.email.data, form.password.data)
        except DomainError as error:
            form.password.errors.append(str(error.message))
        else:
            db.session.commit()
            sessions.start_session(user)
            flash(_("Signed in."), "success")
            return redirect(safe_next(form.next.data, url_for("events_manage.index")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    # A new session token: every other session of this user ends too.
    services.end_all_sessions(current_user._get_current_object())
    db.session.commit()
    sessions.end_session()
    flash(_("Signed out."), "info")
    return redirect(url_for("events.index"))


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
@rate_limited(_signed_in_key)
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        user = current_user._get_current_object()
        try:
            services.change_password(user, form.current_password.data, form.password.data)
        except DomainError as error:
            db.session.rollback()
            getattr(form, error.field or "password").errors.append(str(error.message))
        else:
            db.session.commit()
            sessions.start_session(user)  # this session goes on, with the new token
            flash(_("Your password is changed. Your other sessions have ended."), "success")
            return redirect(url_for("events_manage.index"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/password/forgot", methods=["GET", "POST"])
@rate_limited(_email_key)
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        passwords.request_reset(form.email.data)
        db.session.commit()
        # The same answer whether or not the account exists (no account discovery).
        flash(_("If an account exists for this address, we have sent it a link."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@rate_limited(_reset_key)
def reset_password(token: str):
    if passwords.user_for_token(token) is None:
        flash(_("This link has expired or was already used."), "danger")
        return redirect(url_for("auth.forgot_password"))
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            passwords.reset_password(token, form.password.data)
        except DomainError as error:
            db.session.rollback()
            form.password.errors.append(str(error.message))
        else:
            db.session.commit()
            sessions.end_session()
            flash(_("Your password is set. Please sign in."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)
