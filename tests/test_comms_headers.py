"""Deliverability headers on automatic mails (issue 15): Message-ID on the site's domain,
Reply-To from the event's settings, Auto-Submitted, no List-Unsubscribe (transactional),
and a plain part with an escaped HTML alternative."""

from __future__ import annotations

from eventsapp.mail.services import html_body
from tests.jobs_helpers import scripted_smtp, use_smtp
from tests.registration_helpers import signup_data


def test_an_automatic_mail_carries_its_headers_and_both_parts(
    app, client, db, login, organizer, event
):
    from eventsapp.mail.templating import save_settings

    save_settings(organizer, event, {"reply_to": "desk@example.org"})
    db.session.commit()
    with scripted_smtp() as (port, smtp):
        use_smtp(app, port)
        client.post(
            f"/events/{event.slug}/register",
            data=signup_data(
                "x@example.org", given_name="<b>Ana</b> & Co", preferred_language="en"
            ),
        )
    [mail] = smtp.messages
    assert mail["Auto-Submitted"] == "auto-generated"
    assert mail["Reply-To"] == "desk@example.org"
    assert mail["Message-ID"].strip().endswith("@events.test>")
    assert mail["List-Unsubscribe"] is None
    assert mail.get_content_type() == "multipart/alternative"
    assert "<b>Ana</b> & Co" in mail.get_body(("plain",)).get_content()
    html = mail.get_body(("html",)).get_content()
    assert "&lt;b&gt;Ana&lt;/b&gt; &amp; Co" in html and "<b>Ana</b>" not in html


def test_the_html_alternative_escapes_everything_and_links_addresses():
    html = html_body('Hi <script>alert(1)</script>\n"quoted"\n\nSee https://x.test/a?b=1&c=2 now')
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<a href="https://x.test/a?b=1&amp;c=2">https://x.test/a?b=1&amp;c=2</a>' in html
    assert html.count("<p>") == 2 and "<br>" in html
