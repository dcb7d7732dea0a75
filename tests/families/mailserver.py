"""A real SMTP server on loopback for the tests (aiosmtpd): it keeps what it receives and
refuses the mailboxes of refused.example, as a real server refuses an unknown one."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

from homeward.families.mail import Smtp

REFUSED_DOMAIN = "@refused.example"


@dataclass
class Mailbox:
    received: list[EmailMessage] = field(default_factory=list)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address.endswith(REFUSED_DOMAIN):
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(
            message_from_bytes(envelope.content, _class=EmailMessage, policy=policy.default)
        )
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def smtp_at(port: int) -> Smtp:
    return Smtp(
        host="127.0.0.1",
        port=port,
        username=None,
        password=None,
        sender="liaison@homeward.example",
        security="none",
        timeout=10,
    )


@contextmanager
def mail_server() -> Iterator[tuple[Mailbox, Smtp]]:
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield mailbox, smtp_at(port)
    finally:
        controller.stop()
