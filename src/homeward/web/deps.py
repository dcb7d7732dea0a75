"""What a route needs: a database session in one transaction, and the signed-in caller."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session, sessionmaker

from homeward.access import audit
from homeward.access.actor import Actor, Channel
from homeward.access.audit import AuditAction
from homeward.access.models import User
from homeward.access.roles import Permission, Role, allows
from homeward.access.users import SignedIn, session_for, user_actor
from homeward.db import SIDE_WRITES, reading
from homeward.i18n import Translate, choose_language, translator
from homeward.web.security import UNSAFE_METHODS, submitted_csrf_token, tokens_match

SESSION_COOKIE = "homeward_session"
LANGUAGE_COOKIE = "homeward_lang"


def client_address(request: Request) -> str | None:
    return request.client.host if request.client else None


def _db(request: Request) -> Iterator[Session]:
    """One transaction per request, committed before the response is sent (scope=function),
    so a page never says "saved" about something that was not."""
    state = request.app.state
    writes = request.method in UNSAFE_METHODS
    factory: sessionmaker[Session] = state.sessions if writes else state.read_sessions
    with factory() as session, session.begin():
        session.info.update(state.write_info if writes else state.read_info)
        yield session


Db = Annotated[Session, Depends(_db, scope="function")]


def uses_the_session(dependant: Any) -> bool:
    """Whether a FastAPI dependant is the request's database session."""
    return getattr(dependant, "call", None) is _db


class NotSignedIn(Exception):
    """No valid session: pages redirect to the sign-in page, the API answers 401."""


@dataclass(frozen=True)
class Caller:
    """The signed-in user of a request, as the use cases and the templates see them."""

    user: User
    actor: Actor
    csrf_token: str
    lang: str

    @property
    def role(self) -> Role:
        return Role(self.user.role)

    def can(self, permission: Permission | str) -> bool:
        return allows(self.role, Permission(permission))


def language_of(request: Request) -> str:
    return choose_language(request.cookies.get(LANGUAGE_COOKIE))


def gettext_for(request: Request) -> Translate:
    return translator(language_of(request))


async def _submitted_token(request: Request) -> str | None:
    """The CSRF token an unsafe request carries (reading a form body is asynchronous; nothing
    here touches the database)."""
    if request.method not in UNSAFE_METHODS:
        return None
    return await submitted_csrf_token(request)


def _caller(
    request: Request,
    session: Db,
    submitted: Annotated[str | None, Depends(_submitted_token)],
) -> Caller:
    # Synchronous, so FastAPI runs it in a worker thread: a query may wait for a lock, and
    # waiting on the event loop would stop every other request, the lock's holder among them.
    signed_in = _signed_in(request, session)
    if signed_in is None:
        raise NotSignedIn
    # Detached, with its columns loaded: an error page rendered after the request's rollback
    # (which expires every row still in the session) can still say who is signed in.
    if signed_in.user in session:
        session.expunge(signed_in.user)
    caller = Caller(
        user=signed_in.user,
        actor=user_actor(signed_in.user, client=client_address(request)),
        csrf_token=signed_in.web_session.csrf_token,
        lang=language_of(request),
    )
    request.state.caller = caller  # for error pages
    if request.method in UNSAFE_METHODS and not tokens_match(caller.csrf_token, submitted):
        record_refusal(request, caller.actor, "security token missing or wrong")
        raise HTTPException(403, CSRF_REFUSED)
    return caller


CSRF_REFUSED = "the form's security token is missing or wrong: reload the page"


def record_refusal(request: Request, actor: Actor | None, reason: str) -> None:
    """A refused attempt in the audit log, in a transaction of its own: the request's own is
    rolled back, and the refusal must stay. Synchronous: call it from a worker thread."""
    who = actor or Actor("(anonymous)", Channel.WEB, None, client_address(request))
    with request.app.state.sessions() as session, session.begin():
        audit.log(
            session,
            who,
            AuditAction.FORBIDDEN,
            object_type="request",
            object_id=f"{request.method} {request.url.path}"[:100],
            detail={"reason": reason},
        )


def _signed_in(request: Request, session: Session) -> SignedIn | None:
    """The request's signed-in user. A change looks it up outside the request's transaction,
    which on SQLite holds the write lock from its first query (BEGIN IMMEDIATE): the lock is
    then taken when the change begins, not before its input is read and checked."""
    token = request.cookies.get(SESSION_COOKIE)
    side_writes = request.app.state.read_info.get(SIDE_WRITES)
    if request.method not in UNSAFE_METHODS or side_writes is None:
        return session_for(session, token)
    with reading(session) as reader:
        reader.info[SIDE_WRITES] = side_writes  # the session's last use, in a short write
        return session_for(reader, token)


CurrentCaller = Annotated[Caller, Depends(_caller)]
ROLE_REFUSED = "your role does not allow this"


def needs(permission: Permission) -> Any:
    """A route dependency: the caller, who must hold `permission` (else 403). Use as
    `caller: Annotated[Caller, needs(Permission.READ)]`."""

    def check(request: Request, caller: CurrentCaller) -> Caller:
        if not caller.can(permission):
            record_refusal(request, caller.actor, f"needs {permission.value}")
            raise HTTPException(403, ROLE_REFUSED)
        return caller

    return Depends(check)
