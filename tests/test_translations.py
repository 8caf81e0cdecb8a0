"""Every user-facing string in the code and templates has a Spanish translation."""

from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
METHOD_MAP = [("**.py", "python"), ("**.html", "jinja2"), ("**.txt", "jinja2")]
KEYWORDS = dict(DEFAULT_KEYWORDS, _l=None)


def _catalog_strings() -> dict[str, object]:
    strings: dict[str, object] = {}
    for po in ROOT.glob("eventsapp/**/translations/es/LC_MESSAGES/messages.po"):
        with po.open("rb") as f:
            for message in read_po(f, locale="es"):
                if message.id and message.string and "fuzzy" not in message.flags:
                    key = message.id[0] if isinstance(message.id, tuple) else message.id
                    strings[key] = message.string
    return strings


def _source_messages():
    for folder in ("eventsapp", "templates"):
        for filename, lineno, message, _comments, _context in extract_from_dir(
            ROOT / folder, METHOD_MAP, keywords=KEYWORDS
        ):
            msgid = message[0] if isinstance(message, tuple) else message
            if msgid:
                yield f"{folder}/{filename}:{lineno}", msgid


def test_every_string_has_a_spanish_translation():
    translated = _catalog_strings()
    missing = sorted(
        {f"{where}: {msgid!r}" for where, msgid in _source_messages() if msgid not in translated}
    )
    assert not missing, "untranslated:\n" + "\n".join(missing[:60])


def test_translations_are_not_copies_of_english():
    translated = _catalog_strings()
    same = [
        k
        for k, v in translated.items()
        if isinstance(v, str) and v == k and len(k) > 12 and " " in k
    ]
    assert not same, same


def test_catalogs_agree_on_shared_strings():
    """Flask-Babel merges the domain catalogs; one msgid must mean one thing."""
    seen: dict[tuple, tuple[str, str]] = {}
    clashes = []
    for po in sorted(ROOT.glob("eventsapp/**/translations/es/LC_MESSAGES/messages.po")):
        with po.open("rb") as f:
            for message in read_po(f, locale="es"):
                if not message.id or not message.string or isinstance(message.id, tuple):
                    continue
                where = str(po.relative_to(ROOT))
                key = (message.context, message.id)  # a context (msgctxt) is its own message
                if key in seen and seen[key][0] != message.string:
                    clashes.append(f"{key!r}: {seen[key]} vs {message.string!r} ({where})")
                seen.setdefault(key, (message.string, where))
    assert not clashes, "\n".join(clashes)
