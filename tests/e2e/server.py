"""Serve a Flask app from a threaded werkzeug server in a background thread (free port)."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from werkzeug.serving import make_server


@contextmanager
def serve(app):
    """Yield the base URL of ``app`` served on 127.0.0.1; stop the server afterwards."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()


def session_cookie(app, user) -> str:
    """A signed session cookie value that signs ``user`` in on ``app``."""
    serializer = app.session_interface.get_signing_serializer(app)
    return serializer.dumps({"_user_id": user.session_token, "_fresh": True})
