"""The searchable pickers are plain selects marked data-picker (they work without
JavaScript); the pages that have them load the vendored library and its starter, from this
site."""

from __future__ import annotations

from tests.factories import make_delegation, make_speaker, make_user


def test_pages_mark_their_pickers_and_load_the_vendored_library(client, db, login, event):
    make_speaker(event)
    make_delegation(event)
    login(make_user("root@example.org", is_admin=True))
    for path, select in [
        (f"/manage/events/{event.slug}/sessions/new", 'id="speaker_ids"'),
        ("/manage/events/new", 'id="timezone"'),
        (f"/manage/events/{event.slug}/edit", 'id="timezone"'),
    ]:
        html = client.get(path).get_data(as_text=True)
        tag = html[html.index(select) - 200 : html.index(select) + 200]
        assert "<select" in tag and "data-picker" in tag, path
        assert "/static/vendor/tom-select/tom-select.complete.min.js" in html
        assert "/static/js/pickers.js" in html
    new_event = client.get("/manage/events/new").get_data(as_text=True)
    assert "data-slug-from-title" in new_event
    edit = client.get(f"/manage/events/{event.slug}/edit").get_data(as_text=True)
    assert "data-slug-from-title" not in edit  # an existing address is never rewritten
    assert client.get("/static/vendor/tom-select/tom-select.complete.min.js").status_code == 200
