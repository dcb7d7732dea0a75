"""Sending one e-mail over SMTP, as the settings say (`HOMEWARD_SMTP_*`). Any failure is a
`SendFailed` with the server's or the network's words, for the outbox to keep."""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import make_msgid

from homeward.settings import Settings


class SendFailed(Exception):
    """The message was not sent; `str(error)` says why."""


@dataclass(frozen=True)
class Smtp:
    host: str | None
    port: int
    username: str | None
    password: str | None
    sender: str
    security: str  # starttls, tls or none
    timeout: float

    @classmethod
    def of(cls, settings: Settings) -> Smtp:
        return cls(
            host=settings.smtp_host,
            port=settings.smtp_port,
            username=settings.smtp_username,
            password=settings.smtp_password,
            sender=settings.smtp_from,
            security=settings.smtp_security,
            timeout=settings.smtp_timeout,
        )


def send_mail(smtp: Smtp, *, to: str, subject: str, body: str) -> str:
    """Send a plain-text message; returns its Message-ID."""
    if not smtp.host:
        raise SendFailed("no SMTP server is configured (HOMEWARD_SMTP_HOST)")
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = smtp.sender, to, subject
    message["Message-ID"] = make_msgid(domain=smtp.sender.rpartition("@")[2] or "localhost")
    message.set_content(body)
    try:
        with _connect(smtp) as server:
            if smtp.username:
                server.login(smtp.username, smtp.password or "")
            refused = server.send_message(message)
    except (smtplib.SMTPException, OSError, ssl.SSLError) as error:
        raise SendFailed(f"{type(error).__name__}: {error}") from None
    if refused:
        raise SendFailed(f"refused: {refused}")
    return str(message["Message-ID"])


def _connect(smtp: Smtp) -> smtplib.SMTP:
    assert smtp.host is not None
    context = ssl.create_default_context()
    if smtp.security == "tls":
        return smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=smtp.timeout, context=context)
    server = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
    if smtp.security == "starttls":
        try:
            server.starttls(context=context)
        except BaseException:
            server.close()
            raise
    return server
