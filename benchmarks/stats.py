"""Statistics on a register of N persons: counted figures, an estimate with its bootstrap, and how
often the estimate's 95% interval holds the truth.

    .venv/bin/python benchmarks/stats.py --persons 100000 [--db URL] [--populations 100]
        [--page-only | --estimate-only | --coverage-only]

1. Counted figures. Builds the synthetic register (or reuses the one at --db if it holds N
   persons), then times every counted figure of docs/statistics.md (count_figures: the status
   series of both sides, every table) on the rows read from it. Baselines in the same run:
   fetching the rows with no Python objects made, reading them into the figures' rows, and
   deriving every person's status once with the status rules and no memo. Then the whole
   statistics page as the web route asks for it, first seen after a change (read, every
   figure and table, the estimate with its profile-likelihood interval; each chart is linked
   by a key of its data), and then its charts as the browser asks for them, drawn as SVG.
2. Multiple systems estimation on the register's own lists: the profile-likelihood estimate
   (the baseline), then the same with 1,000 bootstrap replications (the model chosen again in
   each).
3. Coverage. Capture histories simulated for populations whose size is known, in four
   scenarios: five independent lists; the same lists with heterogeneous persons (each person's
   capture probabilities shifted on the logit scale by his own draw from a normal distribution
   with standard deviation 1, so that some persons are much easier to find than others, on
   every list); heterogeneity and a dependence between two lists (being on list 1 triples the
   odds of being on list 2, as when relatives tell the ICRC); and sparse lists (capture
   probabilities of 2-10%, as in the UK data). For each population the estimate and its 95%
   profile-likelihood interval are computed as for any table; the script prints how often the
   interval holds the true size.
"""

from __future__ import annotations

import argparse
import math
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session

from homeward.access.actor import Actor, Channel
from homeward.db import session_factory
from homeward.registry.status.rules import derive_status
from homeward.stats.histories import CaptureHistories
from homeward.stats.lists import register_histories
from homeward.stats.memory import without_cycle_collection
from homeward.stats.mse import Estimate, IntervalMethod, ModelRule, Selection, estimate_population
from homeward.stats.rows import RegisterRows, derive_all
from homeward.stats.service import read_register
from homeward.stats.summary import count_figures
from homeward.web.usecases.stats import SHOWN
from registers import demo_register

ACTOR = Actor("benchmark", Channel.CLI)
LISTS = ("A", "B", "C", "D", "E")


T = TypeVar("T")


@dataclass(frozen=True)
class Took:
    wall: float
    cpu: float  # this process's own: the machine is shared, and others' work slows the wall

    def __str__(self) -> str:
        return f"{self.wall:.2f} | {self.cpu:.2f}"


def timed(work: Callable[[], T]) -> tuple[Took, T]:
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return Took(time.perf_counter() - wall, time.process_time() - cpu), result


def fetch_raw(session: Session) -> int:
    persons = session.execute(text("SELECT * FROM persons WHERE merged_into_id IS NULL")).all()
    evidence = session.execute(
        text(
            "SELECT e.*, r.received_at FROM evidence e JOIN persons p ON p.id = e.person_id "
            "LEFT JOIN reports r ON r.id = e.report_id WHERE p.merged_into_id IS NULL"
        )
    ).all()
    return len(persons) + len(evidence)


@without_cycle_collection  # as the figures are counted: a like-for-like baseline
def derive_each_once(rows: RegisterRows, today: date) -> int:
    count = 0
    for person in rows.persons:
        facts = [row.fact for row in rows.evidence_of(person.id)]
        derive_status(facts, side=person.side, as_of=today)
        count += 1
    return count


def counted_figures(url: str, persons: int) -> RegisterRows:
    engine = demo_register(url, persons)
    today = date.today()
    with session_factory(engine)() as session:
        fetch_raw(session)  # the database's pages, warm for every measure below
        fetch, _ = timed(lambda: fetch_raw(session))
        read, rows = timed(lambda: read_register(session, actor=ACTOR))
    evidence = sum(len(v) for v in rows.evidence.values())
    print(
        f"register: {len(rows.persons):,} persons ({evidence:,} pieces of evidence) "
        f"on {engine.dialect.name}\n"
    )
    naive, _ = timed(lambda: derive_each_once(rows, today))
    runs = sorted(
        (timed(lambda: count_figures(rows, on=today, today=today))[0] for _ in range(3)),
        key=lambda took: took.wall,
    )
    figures = runs[1]
    both = Took(read.wall + figures.wall, read.cpu + figures.cpu)
    print("| counted figures | wall s | CPU s |")
    print("| --- | ---: | ---: |")
    print(f"| fetch the rows, no Python objects made (baseline) | {fetch} |")
    print(f"| read the rows for the figures (baseline) | {read} |")
    print(f"| every status derived once, no memo (baseline) | {naive} |")
    print(f"| every counted figure, median of 3 (target ≤ 2 s) | {figures} |")
    print(f"| read + every counted figure | {both} |")
    page = statistics_page(engine)
    what = "read, every figure, every table, the estimate of those on no list"
    charts = f"its {len(SHOWN) + 1} charts linked by a key of their data"
    print(
        f"| the statistics page (/stats) first seen in a process, nothing counted yet: {what}; "
        f"{charts}, median of 3 | {page.cold} |"
    )
    print(
        "| the statistics page first seen after a change (a piece of evidence added about one "
        f"person): what changed found, that person counted again, every table, the estimates "
        f"whose capture histories changed fitted again; {charts}, "
        f"median of 3 (target ≤ 2 s) | {page.changed} |"
    )
    print(
        "| the estimates of every year of disappearance and region fitted again (as if a change "
        f"had altered the histories of all) | {page.strata} |"
    )
    print(
        f"| its {len(SHOWN) + 1} charts as the browser then asks for them (/stats/chart/…), "
        f"drawn as SVG by vl-convert, each once | {page.charts} |"
    )
    print(f"| the same {len(SHOWN) + 1} charts drawn for a phone's width | {page.narrow} |")
    print(
        "| after a change, the charts whose data it changed, drawn again "
        f"({page.redrawn_count} of {len(SHOWN) + 1}) | {page.redrawn} |"
    )
    print(
        f"| the statistics page seen again, the register unchanged, median of 3 | {page.warm} |\n"
    )
    return rows


@dataclass(frozen=True)
class PageTimes:
    cold: Took
    changed: Took
    warm: Took
    strata: Took
    charts: Took
    narrow: Took
    redrawn: Took
    redrawn_count: int


def statistics_page(engine: Engine) -> PageTimes:
    """The page's use case as the web route calls it (in one transaction, rolled back at the
    end: its audit entries, and the evidence added): first seen in a process (nothing counted,
    estimated or drawn yet); first seen after a change (a piece of evidence about one of our
    people added, as an operator would); seen again. Then its charts as the browser asks for
    them, wide and narrow, each drawn once; and after a change, the charts whose data changed."""
    from homeward.registry.evidence import add_evidence
    from homeward.registry.schemas import EvidenceIn, validated
    from homeward.stats.mse import estimate_population  # loaded before the clock starts
    from homeward.web.usecases import stats as usecases

    estimate_population  # noqa: B018 (imported for its import time only)
    kept = (
        usecases._DRAWN,
        usecases._NAMED,
        usecases._LIVE,
        usecases._ESTIMATED,
        usecases._STRATA,
    )

    def view(session: Session, *, first: bool = False) -> tuple[Took, Any]:
        if first:  # nothing counted, estimated, named or drawn: as in a new process
            for found in kept:
                found.clear()
        return timed(lambda: usecases.statistics_page(session, ACTOR, 90, on=None, lang="uk"))

    kinds = ("captor_list", "letter_or_call", "icrc_notification", "returned")
    own: list[int] = []

    def change(session: Session, step: int) -> None:
        if not own:
            own.extend(
                session.scalars(text("SELECT id FROM persons WHERE side = 'own' ORDER BY id"))
            )
        person = own[(step * 7919) % len(own)]
        day = date.today().replace(day=1).strftime("%d.%m.%Y")
        evidence = validated(EvidenceIn, {"kind": kinds[step % len(kinds)], "on": day})
        add_evidence(session, actor=ACTOR, person_id=person, evidence=evidence)
        session.flush()

    def draw(session: Session, links: list[Any], narrow: bool) -> int:
        drawn = 0
        for link in links:
            _, query = (link.narrow if narrow else link.wide).split("?", 1)
            asked = dict(part.split("=", 1) for part in query.split("&"))
            if asked["k"] in usecases._DRAWN:
                continue
            name = (link.wide.split("/stats/chart/", 1)[1]).split(".svg", 1)[0]
            usecases.chart_svg(
                session,
                ACTOR,
                90,
                name=name,
                on=asked["on"],
                lang=asked["lang"],
                narrow=narrow,
                key=asked["k"],
            )
            drawn += 1
        return drawn

    def links_of(page: Any) -> list[Any]:
        links = [item.chart for item in page.shown]
        if page.estimate is not None and page.estimate.chart is not None:
            links.append(page.estimate.chart)
        return links

    with session_factory(engine)() as session:
        cold = [view(session, first=True)[0] for _ in range(3)]
        changed = []
        for step in range(3):
            change(session, step)
            changed.append(view(session)[0])
        warm = [view(session)[0] for _ in range(3)]
        page = view(session)[1]
        usecases._STRATA.clear()  # the figures counted: the strata's estimates alone
        strata, _ = timed(lambda: usecases.strata_estimates(session, ACTOR, page.on, 90))
        usecases._DRAWN.clear()  # the page has named its charts (_NAMED): none drawn yet
        charts, _ = timed(lambda: draw(session, links_of(page), False))
        narrow, _ = timed(lambda: draw(session, links_of(page), True))
        change(session, 3)
        page = view(session)[1]
        redrawn, count = timed(lambda: draw(session, links_of(page), False))
        session.rollback()
    return PageTimes(
        _median(cold),
        _median(changed),
        _median(warm),
        strata,
        charts,
        narrow,
        redrawn,
        count,
    )


def _median(runs: list[Took]) -> Took:
    return sorted(runs, key=lambda took: took.wall)[len(runs) // 2]


def median(values: list[float]) -> float:
    return statistics.median(values)


def estimate_on_register(rows: RegisterRows, replications: int) -> None:
    today = date.today()
    histories = register_histories(derive_all(rows, on=today))
    profile, estimate = timed(lambda: estimate_population(histories))
    boot, booted = timed(
        lambda: estimate_population(
            histories, method=IntervalMethod.BOOTSTRAP, replications=replications, seed=1
        )
    )
    print(f"| the register's {len(histories.lists)} lists | wall s | CPU s | result |")
    print("| --- | ---: | ---: | --- |")
    print(f"| profile-likelihood interval (baseline) | {profile} | {estimate.sentence()} |")
    print(
        f"| {replications:,} bootstrap replications (target ≤ 60 s) | {boot} | "
        f"{booted.sentence()} ({booted.failed_replications} without an estimate) |\n"
    )


@dataclass(frozen=True)
class Scenario:
    name: str
    size: int
    probabilities: tuple[float, ...]
    heterogeneity: float = 0.0  # standard deviation of each person's logit shift
    dependence: float = 1.0  # odds ratio of list B for those on list A


SCENARIOS = (
    Scenario("independent lists", 2000, (0.10, 0.15, 0.20, 0.25, 0.30)),
    Scenario("heterogeneous persons", 2000, (0.10, 0.15, 0.20, 0.25, 0.30), heterogeneity=1.0),
    Scenario(
        "heterogeneity and lists A-B dependent",
        2000,
        (0.10, 0.15, 0.20, 0.25, 0.30),
        heterogeneity=1.0,
        dependence=3.0,
    ),
    Scenario("sparse lists", 5000, (0.02, 0.04, 0.06, 0.08, 0.10)),
)


def simulate(scenario: Scenario, generator: np.random.Generator) -> CaptureHistories:
    """Every person of a population of known size, captured or not by each list."""
    logits = np.log(np.array(scenario.probabilities) / (1 - np.array(scenario.probabilities)))
    shift = generator.normal(0.0, scenario.heterogeneity, size=(scenario.size, 1))
    odds = logits + shift
    captured = generator.random((scenario.size, len(LISTS))) < 1 / (1 + np.exp(-odds))
    if scenario.dependence != 1.0:
        raised = odds[:, 1] + math.log(scenario.dependence)
        on_a = captured[:, 0]
        captured[on_a, 1] = generator.random(int(on_a.sum())) < 1 / (1 + np.exp(-raised[on_a]))
    counts: dict[tuple[int, ...], int] = {}
    for history in map(tuple, captured.astype(int)):
        if any(history):
            counts[history] = counts.get(history, 0) + 1
    return CaptureHistories(LISTS, counts, f"simulated: {scenario.name}")


@dataclass
class Tally:
    covered: int = 0
    estimated: int = 0
    errors: list[float] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)

    def add(self, estimate: Estimate, truth: int) -> None:
        if estimate.estimate is None or estimate.interval is None:
            return
        low, high = estimate.interval
        self.estimated += 1
        self.covered += low <= truth <= high
        self.errors.append((estimate.estimate - truth) / truth)
        self.widths.append(high - low)


def coverage(populations: int) -> None:
    """Each simulated population is estimated by both rules: the stepwise model (the method)
    and every two-list interaction (for comparison)."""
    print(
        f"| scenario ({populations} populations each) | model | true size | estimates "
        "| coverage | median relative error | median interval width |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    generator = np.random.default_rng(2024)
    rules = {"stepwise": ModelRule(), "every pair": ModelRule(Selection.ALL_PAIRS)}
    started = time.perf_counter()
    for scenario in SCENARIOS:
        tallies = {name: Tally() for name in rules}
        for _ in range(populations):
            histories = simulate(scenario, generator)
            for name, rule in rules.items():
                tallies[name].add(estimate_population(histories, rule=rule), scenario.size)
        for name, tally in tallies.items():
            print(
                f"| {scenario.name} | {name} | {scenario.size:,} "
                f"| {tally.estimated}/{populations} | {tally.covered / populations:.2f} "
                f"| {median(tally.errors):+.3f} | {median(tally.widths):,.0f} |"
            )
    seconds = time.perf_counter() - started
    print(f"\n{seconds:.0f} s for {len(SCENARIOS) * populations} populations, both models")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--db", default="")
    parser.add_argument("--replications", type=int, default=1000)
    parser.add_argument("--populations", type=int, default=100)
    only = parser.add_mutually_exclusive_group()
    only.add_argument(
        "--page-only", action="store_true", help="the counted figures and the page; no estimates"
    )
    only.add_argument(
        "--estimate-only",
        action="store_true",
        help="the register read, then its estimate with the bootstrap; no figures, no coverage",
    )
    only.add_argument(
        "--coverage-only",
        action="store_true",
        help="the coverage study alone, on simulated populations: no register is built or read",
    )
    args = parser.parse_args()
    if args.coverage_only:
        coverage(args.populations)
        return
    folder = tempfile.mkdtemp()
    url = args.db or f"sqlite:///{Path(folder) / 'stats.sqlite3'}"
    if args.estimate_only:
        engine = demo_register(url, args.persons)
        with session_factory(engine)() as session:
            rows = read_register(session, actor=ACTOR)
        print(f"register: {len(rows.persons):,} persons on {engine.dialect.name}\n")
        estimate_on_register(rows, args.replications)
        return
    rows = counted_figures(url, args.persons)
    if args.page_only:
        return
    estimate_on_register(rows, args.replications)
    coverage(args.populations)


if __name__ == "__main__":
    main()
