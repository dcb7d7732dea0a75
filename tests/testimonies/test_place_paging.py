"""A place's three lists paged and counted by the database give the rows, in the order, that
reading every row of everyone seen there and paging in Python gave (`timeline.py`'s pure
functions, the reference kept here): days of every precision, rows on the same day, moves
between several places, retracted rows left out; every page of each list, on both databases."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from homeward.registry.models import Evidence, Place
from homeward.registry.sources import get_or_create_place
from homeward.testimonies.places import Shown, _standing, place_view
from homeward.testimonies.timeline import Sighting, last_sightings, moves_through
from tests.families.factories import LIAISON
from tests.families.factories import a_person as an_own_person

PER_PAGE = 7


def _register(session: Session) -> tuple[int, list[int]]:
    rnd = random.Random(20261206)
    places = [get_or_create_place(session, f"Табір {n}").id for n in range(4)]
    persons = [an_own_person(session).id for _ in range(30)]
    rows: list[Evidence] = []
    for person in persons:
        for _ in range(rnd.randint(1, 6)):
            precision = rnd.choice(["day", "day", "month", "year"])
            year, month, day = rnd.choice([2022, 2023]), rnd.randint(1, 12), rnd.randint(1, 28)
            on = {
                "day": date(year, month, day),
                "month": date(year, month, 1),
                "year": date(year, 1, 1),
            }[precision]
            rows.append(
                Evidence(
                    person_id=person,
                    kind=rnd.choice(["captor_list", "sighting"]),
                    occurred_on=on,
                    occurred_precision=precision,
                    reliability="medium",
                    place_id=rnd.choice(places),
                    recorded_by="test-paging",
                )
            )
    session.add_all(rows)
    session.flush()
    for wrong in rows[::11]:  # retracted: a later row supersedes each
        session.add(
            Evidence(
                person_id=wrong.person_id,
                kind="retraction",
                occurred_on=wrong.occurred_on,
                occurred_precision=wrong.occurred_precision,
                reliability="medium",
                supersedes_id=wrong.id,
                recorded_by="test-paging",
            )
        )
    session.flush()
    return places[0], places


def _reference(session: Session, place_id: int) -> tuple[list, list, list]:  # type: ignore[type-arg]
    """What the page showed before it paged in SQL: every row, ordered and paged in Python."""
    here = set(
        session.scalars(
            select(Evidence.person_id).where(Evidence.place_id == place_id, _standing())
        )
    )
    rows = list(
        session.scalars(
            select(Evidence)
            .where(Evidence.person_id.in_(here), Evidence.place_id.is_not(None), _standing())
            .order_by(Evidence.id)
        )
    )
    sightings = [Sighting(e.person_id, e.place_id or 0, e.on, e.kind, e.id) for e in rows]
    timeline = sorted(
        ((e.on, e.person_id, e.kind) for e in rows if e.place_id == place_id),
        key=lambda r: (r[0].earliest, r[1]),
    )
    return last_sightings(sightings, place_id), moves_through(sightings, place_id), timeline


def test_every_page_of_each_list_is_what_paging_in_python_gave(session: Session) -> None:
    for place_id in _register(session)[1]:
        last, moves, timeline = _reference(session, place_id)
        assert len(timeline) > 2 * PER_PAGE  # enough to page
        whole = place_view(session, actor=LIAISON, place_id=place_id)
        assert whole.totals == {"last": len(last), "moves": len(moves), "timeline": len(timeline)}
        assert whole.last == last and whole.moves == moves
        assert [(r.on, r.person_id, r.kind) for r in whole.timeline] == timeline
        for page in range(1, -(-len(timeline) // PER_PAGE) + 2):  # and one past the last
            shown = Shown(PER_PAGE, last=page, moves=page, timeline=page)
            view = place_view(session, actor=LIAISON, place_id=place_id, shown=shown)
            assert view.totals == whole.totals
            for key, rows in (("last", last), ("moves", moves), ("timeline", timeline)):
                pages = max(1, -(-len(rows) // PER_PAGE))
                assert view.pages[key] == min(page, pages)
            at = (min(page, max(1, -(-len(last) // PER_PAGE))) - 1) * PER_PAGE
            assert view.last == last[at : at + PER_PAGE]
            at = (min(page, max(1, -(-len(moves) // PER_PAGE))) - 1) * PER_PAGE
            assert view.moves == moves[at : at + PER_PAGE]
            at = (view.pages["timeline"] - 1) * PER_PAGE
            assert [(r.on, r.person_id, r.kind) for r in view.timeline] == timeline[
                at : at + PER_PAGE
            ]
            shown_names = {s.person_id for s in view.last} | {m.person_id for m in view.moves}
            assert shown_names <= set(view.names)
    assert session.get(Place, place_id) is not None
