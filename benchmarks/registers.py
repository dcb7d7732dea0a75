"""What several benchmarks share: a synthetic register to measure against, and percentiles."""

from __future__ import annotations

import time

from sqlalchemy import Engine, func, select

from homeward.db import make_engine, session_factory
from homeward.demo.store import build_demo
from homeward.migrate import upgrade
from homeward.registry.models import Person


def demo_register(url: str, persons: int) -> Engine:
    """The register at `url`: built with `persons` synthetic persons (seed 1) when empty,
    reused when it already holds that many, refused otherwise."""
    engine = make_engine(url)
    upgrade(engine)
    with session_factory(engine)() as session:
        present = session.scalar(select(func.count()).select_from(Person)) or 0
    if present == 0:
        started = time.perf_counter()
        build_demo(engine, persons=persons, seed=1)
        print(f"built {persons:,} persons in {time.perf_counter() - started:.0f} s")
    elif present != persons:
        raise SystemExit(f"{url} holds {present:,} persons, not {persons:,}")
    return engine


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
