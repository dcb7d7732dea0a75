"""The pages, one module an area, each with a `router`; the JSON API lives in `web.api`."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator

from fastapi import APIRouter, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from homeward.web.deps import uses_the_session
from homeward.web.uploads import UploadRoute


def routers_of(package: str) -> list[APIRouter]:
    """The `router` of every module of a package, in the modules' alphabetical order."""
    found: list[APIRouter] = []
    module = importlib.import_module(package)
    for info in sorted(pkgutil.iter_modules(module.__path__), key=lambda m: m.name):
        router = getattr(importlib.import_module(f"{package}.{info.name}"), "router", None)
        if isinstance(router, APIRouter):
            found.append(router)
    return found


def include_routes(app: FastAPI) -> dict[str, UploadRoute]:
    """Every page and API route; returns the paths that take uploads, with their route
    (`UploadRoute`: its limit and the message that refuses a larger body)."""
    pages, api_routers = routers_of("homeward.web.routes"), routers_of("homeward.web.api")
    uploads: dict[str, UploadRoute] = {}
    for prefix, routers in (("", pages), ("/api", api_routers)):
        for route in (route for router in routers for route in router.routes):
            if isinstance(route, APIRoute):
                refuse_async_database_work(route)
                if isinstance(route, UploadRoute) and "POST" in (route.methods or ()):
                    uploads[prefix + route.path] = route
    for router in pages:
        app.include_router(router)
    api = APIRouter(prefix="/api")
    for router in api_routers:
        api.include_router(router)
    app.include_router(api)
    return uploads


def _dependants(dependant: Dependant) -> Iterator[Dependant]:
    yield dependant
    for sub in dependant.dependencies:
        yield from _dependants(sub)


def refuse_async_database_work(route: APIRoute) -> None:
    """A route or dependency that takes the database session must be synchronous: FastAPI runs
    it in a thread. Run on the event loop, a query waiting for SQLite's write lock would stop
    every request of the worker, the one holding the lock among them."""
    for dependant in _dependants(route.dependant):
        call = dependant.call
        if inspect.iscoroutinefunction(call) and any(
            uses_the_session(sub) for sub in dependant.dependencies
        ):
            name = getattr(call, "__qualname__", repr(call))
            raise TypeError(f"{route.path}: {name} takes the database session: make it `def`")
