"""Translated words the documents print, looked up in a given language."""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import force_locale
from flask_babel import gettext as _

from eventsapp.documents.data import Text

LANG_CHOICES = ("en", "es", "both")


def languages_for(lang: str) -> tuple[str, ...]:
    return ("en", "es") if lang == "both" else (lang,)


def per_language(languages: tuple[str, ...], produce: Callable[..., object]) -> Text:
    """``produce(lang)`` in each language (a lambda may bind loop values as defaults)."""
    result = []
    for lang in languages:
        with force_locale(lang):
            result.append(str(produce(lang)))
    return tuple(result)


def page_of() -> str:
    return _("Page {page} of {pages}")


def role_heading(role_value: str) -> str:
    return {
        "speaker": _("Speakers"),
        "moderator": _("Moderators"),
        "panelist": _("Panelists"),
    }[role_value]
