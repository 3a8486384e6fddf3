"""A real HTTP server on 127.0.0.1 that receives chat webhooks in tests, and can fail on demand."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class ChatServer:
    """Records every POST (path and JSON body); answers 500 to the next `fail_next` of them."""

    def __init__(self):
        self.received = []
        self.fail_next = 0
        self.arrived = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null")
                failing = server.fail_next > 0
                server.fail_next -= failing
                server.received.append({"path": self.path, "json": body, "answered": 500 if failing else 200})
                self.send_response(500 if failing else 200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b'{"ok": false}' if failing else b'{"ok": true}')
                server.arrived.set()

            def log_message(self, *args):
                pass  # quiet tests

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()

    @property
    def delivered(self):
        """The bodies answered 200, in order."""
        return [request["json"] for request in self.received if request["answered"] == 200]


def connect_channel(series, secret, *, format="slack", events=None, chat_id="", name="#papers"):
    """A chat channel of `series`, as an editor would connect it in the desk."""
    from digest.chat.models import ChatChannel, ChatEvent

    channel = ChatChannel(
        series=series, name=name, format=format, telegram_chat_id=chat_id,
        events=list(ChatEvent.values) if events is None else events,
    )  # fmt: skip
    channel.set_secret(secret)
    channel.save()
    return channel
