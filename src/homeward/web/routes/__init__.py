"""The pages, one module an area, each with a `router`; the JSON API lives in `web.api`."""

from __future__ import annotations

import importlib
import pkgutil

from fastapi import APIRouter, FastAPI


def routers_of(package: str) -> list[APIRouter]:
    """The `router` of every module of a package, in the modules' alphabetical order."""
    found: list[APIRouter] = []
    module = importlib.import_module(package)
    for info in sorted(pkgutil.iter_modules(module.__path__), key=lambda m: m.name):
        router = getattr(importlib.import_module(f"{package}.{info.name}"), "router", None)
        if isinstance(router, APIRouter):
            found.append(router)
    return found


def include_routes(app: FastAPI) -> None:
    for router in routers_of("homeward.web.routes"):
        app.include_router(router)
    api = APIRouter(prefix="/api")
    for router in routers_of("homeward.web.api"):
        api.include_router(router)
    app.include_router(api)
