"""A small HTTP client for the two-host check (tests/multihost/two_hosts.py): one browser
whose cookies go to every host (the hosts share SECRET_KEY and sit behind one address, so
each request carries the site's name in ``Host``), the forms of a page read back as they
would be submitted, and multipart uploads. Standard library only."""

from __future__ import annotations

import http.client
import time
import uuid
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlencode


@dataclass
class Answer:
    status: int
    body: bytes
    headers: dict
    seconds: float

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


class Browser:
    """Cookies shared by every host; ``host`` is the site's name sent as ``Host``."""

    def __init__(self, host: str):
        self.host = host
        self.cookies: dict[str, str] = {}

    def request(self, port: int, method: str, path: str, body=None, headers=None) -> Answer:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        all_headers = {"Host": self.host}
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        all_headers.update(headers or {})
        started = time.perf_counter()
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        data = response.read()
        seconds = time.perf_counter() - started
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                self.cookies[key.strip()] = val.strip()
        answer = Answer(
            response.status, data, {k.lower(): v for k, v in response.getheaders()}, seconds
        )
        conn.close()
        return answer

    def get(self, port: int, path: str) -> Answer:
        return self.request(port, "GET", path)

    def post(self, port: int, path: str, fields: dict | list) -> Answer:
        return self.request(
            port,
            "POST",
            path,
            urlencode(fields, doseq=True),
            {"Content-Type": "application/x-www-form-urlencoded"},
        )

    def post_multipart(self, port: int, path: str, fields: list, files: dict) -> Answer:
        boundary = uuid.uuid4().hex
        parts = []
        for name, value in fields:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                f"{value}\r\n".encode()
            )
        for name, (filename, content_type, data) in files.items():
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'.encode()
                + data
                + b"\r\n"
            )
        parts.append(f"--{boundary}--\r\n".encode())
        return self.request(
            port,
            "POST",
            path,
            b"".join(parts),
            {"Content-Type": f"multipart/form-data; boundary={boundary}"},
        )


class _Forms(HTMLParser):
    """Every form of a page: its action and its fields as a browser would submit them
    (checked boxes, selected options, textareas; no file inputs)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._select: str | None = None
        self._textarea: str | None = None

    @property
    def _form(self) -> dict | None:
        return self.forms[-1] if self.forms and self.forms[-1]["open"] else None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append({"action": a.get("action") or "", "fields": [], "open": True})
            return
        form = self._form
        if form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    form["fields"].append((name, a.get("value") or "on"))
            elif kind not in ("file", "submit", "button", "image", "reset"):
                form["fields"].append((name, a.get("value") or ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            form["fields"].append((self._select, a.get("value") or ""))
        elif tag == "textarea" and name:
            self._textarea = name
            form["fields"].append((name, ""))

    def handle_data(self, data):
        form = self._form
        if self._textarea and form is not None:
            name, text = form["fields"][-1]
            form["fields"][-1] = (name, text + data)

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self._form["open"] = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def form_fields(page: str, field: str) -> list[tuple[str, str]]:
    """The fields of the first form on ``page`` that has a field named ``field``."""
    parser = _Forms()
    parser.feed(page)
    for form in parser.forms:
        if any(name == field for name, _value in form["fields"]):
            return list(form["fields"])
    raise LookupError(f"no form with a field {field!r}")


def replace_field(fields: list, name: str, value: str) -> list:
    return [(n, value if n == name else v) for n, v in fields]
