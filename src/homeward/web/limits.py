"""Every request body is bounded and checked before anything parses it.

A body larger than the limit of its route is refused (413) by its Content-Length before it is
read, or as soon as a body sent without one grows past the limit. A JSON or form body is then
read whole (it is small) and refused (422) when it holds what no register should store or no
parser should meet: NaN and Infinity, which JSON does not know; numbers too large for a float;
NUL and other control characters; unpaired surrogates. Uploads (the routes of `UploadRoute`)
have the upload's limit and are streamed to their route, which reads them with care.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterator, Mapping
from typing import Any, Final

from starlette.requests import Request
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from homeward.text import NOT_TEXT, not_text
from homeward.web.security import UNSAFE_METHODS

BODY_MAX: Final = 256 * 1024  # a form or a JSON body: far more than any form of this register

NOT_FINITE: Final = "numbers must be finite: NaN and Infinity are not numbers"
TOO_LARGE: Final = "The request is larger than %(limit)s KB: nothing was read or stored."

ErrorPage = Callable[[Request, int, str, dict[str, Any]], Awaitable[Any]]


class _NotFinite(ValueError):
    pass


def _refuse_constant(name: str) -> float:
    raise _NotFinite(name)


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _NotFinite(text)
    return value


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def body_problem(body: bytes, content_type: str) -> str | None:
    """What makes a JSON or form body unacceptable, or None. A body that is not valid JSON is
    left to the route, which says so in its own words."""
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "application/json" or kind.endswith("+json"):
        try:
            parsed = json.loads(body, parse_constant=_refuse_constant, parse_float=_finite)
        except _NotFinite:
            return NOT_FINITE
        except ValueError:
            return None
        return NOT_TEXT if any(not_text(text) for text in _strings(parsed)) else None
    if kind == "application/x-www-form-urlencoded":
        lowered = body.lower()
        if b"%00" in lowered or b"\x00" in body or b"%0b" in lowered or b"%7f" in lowered:
            return NOT_TEXT
    return None


class BodyGuard:
    """The ASGI middleware that applies `body_problem` and the limits, answering through the
    application's own error page (`error_page(request, status, message, values)`)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        upload_limits: Mapping[str, tuple[int, str]],
        error_page: ErrorPage,
    ) -> None:
        self.app = app
        # path: (the most bytes, the refusal's words); a path with a parameter
        # ("/testimonies/{debriefing_id}/files") is matched as its route matches it
        self.upload_limits = {p: v for p, v in upload_limits.items() if "{" not in p}
        self.templated = [(compile_path(p)[0], v) for p, v in upload_limits.items() if "{" in p]
        self.error_page = error_page

    def upload_limit(self, path: str) -> tuple[int, str] | None:
        """The limit of the upload route at `path`, or None: not an upload's address."""
        found = self.upload_limits.get(path)
        if found is None:
            found = next((v for regex, v in self.templated if regex.match(path)), None)
        return found

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in UNSAFE_METHODS:
            await self.app(scope, receive, send)
            return
        upload = self.upload_limit(scope["path"])
        limit = upload[0] if upload else BODY_MAX
        request = Request(scope)
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            if upload:
                await self._refuse(scope, receive, send, 413, upload[1])
            else:
                await self._refuse(scope, receive, send, 413, TOO_LARGE, limit=limit // 1024)
            return
        if upload:  # streamed on, counted by the route (`UploadRoute`)
            await self.app(scope, receive, send)
            return
        body = await _read(receive, limit)
        if body is None:
            await self._refuse(scope, receive, send, 413, TOO_LARGE, limit=limit // 1024)
            return
        problem = body_problem(body, request.headers.get("content-type", ""))
        if problem is not None:
            await self._refuse(scope, receive, send, 422, problem)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _refuse(
        self, scope: Scope, receive: Receive, send: Send, status: int, message: str, **values: Any
    ) -> None:
        response = await self.error_page(Request(scope, receive), status, message, values)
        await response(scope, receive, send)


async def _read(receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None as soon as it grows past `limit`."""
    parts: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        parts.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(parts)


def _replay(body: bytes, then: Receive) -> Receive:
    """The body read, then the client's own messages (a disconnect, when it comes)."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await then()

    return receive
