"""A web server on 127.0.0.1 that counts what is asked of it: proof that a renderer fetched nothing.

It answers every request with a small red PNG, so anything that did fetch
would also draw red: a second, visible sign.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from support.images import red_png


class Loopback:
    """The server's address and the paths requested from it so far."""

    def __init__(self, server: ThreadingHTTPServer, requests: list[str]) -> None:
        self.server = server
        self.requests = requests

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"


@contextmanager
def loopback_server() -> Iterator[Loopback]:
    requests: list[str] = []
    body = red_png()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Loopback(server, requests)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
