"""The pure timeline of a place: moves and last sightings."""

from __future__ import annotations

from homeward.dates import PartialDate
from homeward.testimonies.timeline import Sighting, last_sightings, moves, moves_through

A, B, C = 1, 2, 3


def seen(person: int, place: int, year: int, month: int | None = None, eid: int = 0) -> Sighting:
    return Sighting(person, place, PartialDate(year, month), "testimony_sighting", eid)


def test_consecutive_rows_at_different_places_are_a_move() -> None:
    rows = [
        seen(7, A, 2022, 5, 1),
        seen(7, B, 2023, 2, 2),
        seen(7, B, 2023, 6, 3),
        seen(7, C, 2024, 1, 4),
    ]
    found = moves(rows)
    assert [(m.from_place_id, m.to_place_id, m.after.iso(), m.by.iso()) for m in found] == [
        (A, B, "2022-05", "2023-02"),
        (B, C, "2023-06", "2024-01"),
    ]
    assert [m.to_place_id for m in moves_through(rows, A)] == [B]


def test_rows_in_any_order_give_the_same_moves() -> None:
    rows = [seen(7, C, 2024, 1, 4), seen(7, A, 2022, 5, 1), seen(7, B, 2023, 2, 2)]
    assert [(m.from_place_id, m.to_place_id) for m in moves(rows)] == [(A, B), (B, C)]


def test_the_last_sighting_here_and_anywhere() -> None:
    rows = [seen(7, A, 2022, 5, 1), seen(7, B, 2023, 2, 2), seen(8, A, 2023, 9, 3)]
    found = last_sightings(rows, A)
    assert [(s.person_id, s.here.on.iso(), s.moved_on) for s in found] == [
        (8, "2023-09", False),
        (7, "2022-05", True),
    ]
    assert found[1].latest.place_id == B


def test_a_person_never_at_the_place_is_not_in_its_last_sightings() -> None:
    assert last_sightings([seen(7, B, 2023)], A) == []
