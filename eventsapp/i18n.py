"""Language choice, bilingual content and locale-aware formatting in the event's timezone."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel import Locale
from babel import dates as babel_dates
from flask import Flask, current_app, g, has_request_context, request, session
from flask_babel import get_locale, refresh

LANG_SESSION_KEY = "lang"


def select_locale() -> str:
    """The visitor's choice (switcher) first, then the language of the person whose
    personal link or invitation this page opens, then the browser's Accept-Language."""
    languages: list[str] = current_app.config["LANGUAGES"]
    if not has_request_context():  # command line, background work: English unless forced
        return languages[0]
    chosen = session.get(LANG_SESSION_KEY)
    if chosen in languages:
        return str(chosen)
    if g.get("link_language") in languages:
        return str(g.link_language)
    return request.accept_languages.best_match(languages) or languages[0]


def use_language(lang: str | None) -> None:
    """This page speaks ``lang`` (the stored language of the person a link names) unless
    the visitor chose a language with the switcher."""
    if has_request_context() and lang in current_app.config["LANGUAGES"]:
        g.link_language = lang
        refresh()  # a locale already looked up in this request is looked up again


def keep_language(lang: str | None) -> None:
    """Remember ``lang`` for the rest of the visit (as the switcher does), unless the visitor
    already chose one: after accepting a Spanish invitation, the portal is Spanish."""
    if lang in current_app.config["LANGUAGES"] and LANG_SESSION_KEY not in session:
        session[LANG_SESSION_KEY] = lang
        refresh()


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale else "en"


def localized(obj: object, field: str, lang: str | None = None) -> str:
    """``obj.<field>_<lang>``, falling back to the other language when empty."""
    lang = lang or current_language()
    other = "es" if lang == "en" else "en"
    return str(getattr(obj, f"{field}_{lang}", "") or getattr(obj, f"{field}_{other}", "") or "")


def in_zone(value: datetime, tz_name: str) -> datetime:
    return value.astimezone(ZoneInfo(tz_name))


def _locale(lang: str | None) -> str | Locale:
    return lang or get_locale() or "en"


# The named styles every page uses (Jinja filters local_datetime, local_time, local_date):
# never seconds, and one style per context whatever the language.
#   datetime (also "short", "medium")  18 May 2027, 9:00 AM  · 18 may 2027, 9:00
#   long / full                        the long / full date, then the time (no seconds)
#   time                               9:00 AM · 9:00
#   date                               May 18, 2027 · 18 may 2027
#   day                                Tuesday, May 18, 2027 · martes, 18 de mayo de 2027
#   day_short                          Tue, May 18 · mar, 18 may (tabs, compact lists)
# Any other value is a CLDR pattern, for files read by machines ("yyyy-MM-dd HH:mm").
DATETIME_STYLES = {"datetime": "medium", "short": "medium", "medium": "medium"}
DATE_STYLES = {"date": "medium", "day": "full", "long": "long", "full": "full", "short": "short"}
DATE_SKELETONS = {"day_short": "MMMEd"}


def fmt_datetime(
    value: datetime | None, tz_name: str, fmt: str = "datetime", lang: str | None = None
) -> str:
    """A UTC datetime shown in the event's timezone, in the visitor's (or given) locale,
    without seconds (see the named styles above)."""
    if value is None:
        return ""
    locale = _locale(lang)
    zone = ZoneInfo(tz_name)
    date_style = DATETIME_STYLES.get(fmt) or (fmt if fmt in ("long", "full") else None)
    if date_style is None:
        return babel_dates.format_datetime(value, fmt, tzinfo=zone, locale=locale)
    day = babel_dates.format_date(in_zone(value, tz_name).date(), date_style, locale=locale)
    time = babel_dates.format_time(value, "short", tzinfo=zone, locale=locale)
    pattern = Locale.parse(str(locale)).datetime_formats[date_style]
    return str(pattern).replace("{1}", day).replace("{0}", time)


def fmt_time(
    value: datetime | None, tz_name: str, fmt: str = "short", lang: str | None = None
) -> str:
    """Hours and minutes in the locale's style (never seconds)."""
    if value is None:
        return ""
    fmt = "short" if fmt in ("time", "short", "medium", "long", "full") else fmt
    return babel_dates.format_time(value, fmt, tzinfo=ZoneInfo(tz_name), locale=_locale(lang))


def fmt_date(
    value: date | datetime | None,
    fmt: str = "date",
    tz_name: str | None = None,
    lang: str | None = None,
) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = in_zone(value, tz_name or "UTC").date()
    if fmt in DATE_SKELETONS:
        day = datetime(value.year, value.month, value.day)
        return babel_dates.format_skeleton(DATE_SKELETONS[fmt], day, locale=_locale(lang))
    return babel_dates.format_date(value, DATE_STYLES.get(fmt, fmt), locale=_locale(lang))


def fmt_date_range(start: date, end: date, lang: str | None = None) -> str:
    """'June 3 – 5, 2027' / '3–5 de junio de 2027', as CLDR says for the locale."""
    if start == end:
        return fmt_date(start, "long", lang=lang)
    return babel_dates.format_interval(start, end, "yMMMd", locale=_locale(lang))


def register_template_helpers(app: Flask) -> None:
    app.jinja_env.globals.update(localized=localized, current_language=current_language)
    app.jinja_env.filters.update(
        local_datetime=fmt_datetime,
        local_time=fmt_time,
        local_date=fmt_date,
        date_range=fmt_date_range,
    )
