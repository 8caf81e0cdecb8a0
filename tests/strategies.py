"""Hypothesis strategies for hostile input: what a careless or malicious visitor may type.

``hostile_text`` is anything a browser can send (every Unicode plane, right-to-left text,
combining marks, emoji, control characters and NUL, HTML, reportlab markup, SQL, formula
prefixes, very long strings). ``clean_text`` is the subset the app promises to store exactly:
no control characters (tab, CR and LF are allowed in multi-line fields only), no surrogates.
"""

from __future__ import annotations

from hypothesis import strategies as st

SCRIPT = "<script>alert(1)</script>"

ADVERSARIAL = [
    "",
    " ",
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "</textarea><script>alert(2)</script>",
    "<para>para</para>",
    '<font color="red" size="40">big</font>',
    "<b>bold</b> <i>it</i> <br/> <super>2</super>",
    "&amp; &lt; &gt; &#0; &nbsp; &unknown;",
    "Tom & Jerry <3",
    "'; DROP TABLE person; --",
    "' OR '1'='1",
    "1; SELECT pg_sleep(1)",
    "%s %d {0} {{ 7*7 }} ${7*7}",
    '=HYPERLINK("http://x.example","click")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A2)",
    "\tleading tab",
    "مرحبا بالعالم",  # Arabic, right to left
    "שלום \u202eevil\u202c",  # Hebrew and an RTL override
    "Zalgo: Z\u0351\u0334a\u0324\u0315l\u0335g\u0317o\u0301\u0302",
    "e\u0301 \u00e9 \ufb01",  # decomposed and composed, a ligature
    "👩‍👩‍👧‍👦 🏳️‍🌈 😀",
    "𝕳𝖊𝖑𝖑𝖔 𠜎𠜱 \U0001f600",  # astral planes
    "漢字かなカナ 한국어",
    "\u200b\u200c\u200d\ufeff",  # zero-width characters and a BOM
    "\ufffd\uffff\ufffe",
    "\U000e0001\U000f0000\U0010fffd",  # tags and private use planes
    "nul\x00byte",
    "bell\x07 escape\x1b[31m red",
    "line\nbreak\r\nwindows",
    "\x85\x9c c1 controls",
    "x" * 5000,
    "é" * 301,
    "😀" * 201,
]

# Every character a browser can send: all planes, no surrogates (they cannot be UTF-8).
any_char = st.characters(exclude_categories=("Cs",))
clean_char = st.characters(exclude_categories=("Cs", "Cc"))


def hostile_text(max_size: int = 60) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(ADVERSARIAL),
        st.text(any_char, max_size=max_size),
        st.builds(lambda a, b: a + b, st.sampled_from(ADVERSARIAL), st.text(any_char, max_size=8)),
    )


def clean_text(min_size: int = 1, max_size: int = 40) -> st.SearchStrategy[str]:
    """Text the app must store exactly: no control characters, not only spaces."""
    samples = [s for s in ADVERSARIAL if s.strip() and not any(_is_control(c) for c in s)]
    return st.one_of(
        st.sampled_from([s for s in samples if len(s) <= max_size]),
        st.text(clean_char, min_size=min_size, max_size=max_size),
    ).filter(lambda s: s.strip() != "")


def _is_control(char: str) -> bool:
    import unicodedata

    return unicodedata.category(char) in ("Cc", "Cs")


control_text = st.builds(
    lambda a, c, b: a + c + b,
    st.text(clean_char, max_size=5),
    st.sampled_from(["\x00", "\x01", "\x07", "\x1b", "\x7f", "\x85", "\x9f", "\x0b", "\x0c"]),
    st.text(clean_char, max_size=5),
)

malformed_date = st.one_of(
    st.sampled_from(
        [
            "",
            "2027-02-30",
            "2027-13-01",
            "0000-00-00",
            "9999-12-31",
            "0001-01-01",
            "27-3-9",
            "2027/03/09",
            "tomorrow",
            "2027-03-09T25:61",
            "2027-03-09T10:00:00Z",
            "-1",
            "1e309",
            "2027-03-09\x00",
            "２０２７-０３-０９",  # full-width digits
        ]
    ),
    st.text(any_char, max_size=20),
)

malformed_number = st.one_of(
    st.sampled_from(
        [
            "",
            "-1",
            "0",
            "1e9",
            "1e309",
            "NaN",
            "inf",
            "-inf",
            "99999999999999999999999",
            "3.5",
            "0x10",
            "١٢٣",
            "1_000",
            " 7 ",
            "7\x00",
        ]
    ),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.text(any_char, max_size=10),
)
