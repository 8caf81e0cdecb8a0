"""A confirmation that names the consequence before a destructive or irreversible action.

Without JavaScript, the button is a link to the action's URL (GET), which answers this page:
the consequence, and the form that POSTs the action. With JavaScript (static/js/confirm.js)
the same link opens a dialog holding that form. A POST form whose action is only sometimes
destructive (the registrations' bulk actions) answers this page until it carries
``confirmed=1``."""

from __future__ import annotations

from typing import Any

from flask import render_template, request


def confirmed() -> bool:
    return request.form.get("confirmed") == "1"


def confirmation_page(
    *,
    title: Any,
    consequence: Any,
    action: str,
    button: Any,
    back: str,
    fields: list[tuple[str, str]] | None = None,
    reason_label: Any = None,
    danger: bool = True,
) -> str:
    """The page asking to confirm: ``fields`` are posted again (hidden) with
    ``confirmed=1``; ``reason_label`` adds a required text field ``reason``."""
    return render_template(
        "confirm.html",
        title=title,
        consequence=consequence,
        action=action,
        button=button,
        back=back,
        fields=fields or [],
        reason_label=reason_label,
        danger=danger,
    )
