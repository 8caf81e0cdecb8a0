"""Dates and times: no seconds, one named style per context, correct in both languages."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from eventsapp.i18n import fmt_date, fmt_datetime, fmt_time
from tests.factories import make_session

NINE_AM = datetime(2027, 5, 18, 16, 0, tzinfo=UTC)  # 9:00 in Los Angeles (PDT)
LA = "America/Los_Angeles"
SECONDS = re.compile(r"\d:\d\d:\d\d")


@pytest.mark.parametrize(
    "style, lang, expected",
    [
        ("datetime", "en", "May 18, 2027, 9:00\u202fAM"),
        ("datetime", "es", "18 may 2027, 9:00"),
        ("short", "en", "May 18, 2027, 9:00\u202fAM"),
        ("medium", "es", "18 may 2027, 9:00"),
        ("full", "es", "martes, 18 de mayo de 2027, 9:00"),
    ],
)
def test_datetime_styles_have_no_seconds(app, style, lang, expected):
    with app.test_request_context():
        got = fmt_datetime(NINE_AM, LA, style, lang=lang)
    assert got.replace(" ", "\u202f") == expected.replace(" ", "\u202f")
    assert not SECONDS.search(got)


def test_time_and_date_styles(app):
    with app.test_request_context():
        assert fmt_time(NINE_AM, LA, "medium", lang="es") == "9:00"
        assert fmt_date(date(2027, 5, 18), "day", lang="es") == "martes, 18 de mayo de 2027"
        assert fmt_date(date(2027, 5, 18), "day_short", lang="es") == "mar, 18 may"
        assert fmt_date(date(2027, 5, 18), "day_short", lang="en") == "Tue, May 18"
        assert fmt_date(date(2027, 5, 18), lang="en") == "May 18, 2027"
        # a pattern, for files machines read
        assert fmt_datetime(NINE_AM, LA, "yyyy-MM-dd HH:mm") == "2027-05-18 09:00"


def test_pages_show_no_seconds(client, db, event):
    session = make_session(event, hour=9)
    session.is_published = True
    db.session.commit()
    for lang in ("en", "es"):
        with client.session_transaction() as s:
            s["lang"] = lang
        html = client.get(f"/events/{event.slug}/agenda/sessions/{session.id}").get_data(
            as_text=True
        )
        assert "9:00" in html
        assert not SECONDS.search(html)
