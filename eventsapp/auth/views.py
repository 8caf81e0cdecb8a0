"""Sign-in and sign-out."""

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from eventsapp.auth import passwords
from eventsapp.auth.forms import ForgotPasswordForm, LoginForm, ResetPasswordForm
from eventsapp.auth.services import authenticate
from eventsapp.errors import DomainError
from eventsapp.extensions import db, limiter

bp = Blueprint("auth", __name__)


def _account_key() -> str:
    return "account:" + (request.form.get("email") or "").strip().lower()


# Per address and per account, so that guessing one account from many addresses is slowed too.
signin_limits = [
    limiter.limit("10/minute;60/hour", methods=["POST"]),
    limiter.limit("5/minute;30/hour", key_func=_account_key, methods=["POST"]),
]


def rate_limited(view):
    for limit in signin_limits:
        view = limit(view)
    return view


def safe_next(target: str | None, default: str) -> str:
    """Only a path on this site: no scheme, no host, no protocol-relative '//'."""
    if not target:
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return default
    if "\\" in target:
        return default
    return target


@bp.route("/login", methods=["GET", "POST"])
@rate_limited
def login():
    if current_user.is_authenticated:
        return redirect(url_for("events_manage.index"))
    form = LoginForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        try:
            user = authenticate(form.email.data, form.password.data)
        except DomainError as error:
            form.password.errors.append(str(error.message))
        else:
            login_user(user)
            db.session.commit()
            flash(_("Signed in."), "success")
            return redirect(safe_next(form.next.data, url_for("events_manage.index")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    flash(_("Signed out."), "info")
    return redirect(url_for("events.index"))


@bp.route("/password/forgot", methods=["GET", "POST"])
@rate_limited
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
            form.password.errors.append(error.message)
        else:
            db.session.commit()
            logout_user()
            flash(_("Your password is set. Please sign in."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)
