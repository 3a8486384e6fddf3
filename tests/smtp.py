"""A real SMTP server on 127.0.0.1 for tests (aiosmtpd), which can refuse or hold mail on demand."""

import asyncio
import email
import socket
import threading

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self):
        self.refuse_next = 0  # answer this many DATA commands with a temporary failure
        self.release = threading.Event()  # cleared: hold every DATA until it is set
        self.release.set()
        self.data_started = threading.Event()
        self.sender_gone = threading.Event()  # a held DATA's client closed its connection
        self.received = []
        self.refuse_recipients = set()  # these addresses are refused for good (550)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_recipients:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.data_started.set()
        if self.refuse_next:
            self.refuse_next -= 1
            return "451 4.3.0 Mail server busy, try again later"
        try:
            while not self.release.is_set():
                await asyncio.sleep(0.05)
        except asyncio.CancelledError:  # aiosmtpd cancels the handler when the client's connection is lost
            self.sender_gone.set()
            raise
        if server.transport is None or server.transport.is_closing():
            return "421 4.4.2 The client went away"  # a killed sender: nothing was delivered
        self.received.append(email.message_from_bytes(envelope.content))
        return "250 OK"

    @property
    def subjects(self):
        return [str(message["Subject"]) for message in self.received]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MailServer:
    def __init__(self):
        self.handler = Handler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.handler.release.set()
        self.controller.stop()

    def django_settings(self, settings):
        settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
        settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", self.port
        settings.EMAIL_USE_TLS = False
        settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
        settings.EMAIL_TIMEOUT = 5

    def environment(self):
        return {
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "DJANGO_EMAIL_HOST": "127.0.0.1",
            "DJANGO_EMAIL_PORT": str(self.port),
        }
