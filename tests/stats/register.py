"""A small hand-made register whose figures are known, built through the register's services.

Each fact comes with the day its report was received, so that "known then" differs from
"known now" where it should. The figures are asked as of ON.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy.orm import Session

from homeward.registry.evidence import add_evidence
from homeward.registry.schemas import ReportIn, validated
from homeward.registry.service import create_person
from homeward.registry.sources import add_report
from tests.factories import OPERATOR, evidence_in, person_in

ON = date(2024, 12, 31)
Fact = tuple[str, str, str]  # kind, dated (as a source writes it), received (ISO day)


def add(session: Session, facts: list[Fact], *, side: str = "own", **fields: Any) -> int:
    person = create_person(session, actor=OPERATOR, person=person_in(side=side, **fields))
    for kind, on, received in facts:
        report = add_report(
            session,
            actor=OPERATOR,
            report=validated(
                ReportIn, {"source": {"kind": "list", "name": f"{kind} list"}, "payload": {}}
            ),
            person_id=person.id,
            received_at=datetime.combine(date.fromisoformat(received), time(12), tzinfo=UTC),
        )
        add_evidence(
            session,
            actor=OPERATOR,
            person_id=person.id,
            evidence=evidence_in(kind, on, report_id=report.id),
        )
    return person.id


def build(session: Session) -> dict[str, int]:
    """Seven of our people, three prisoners we hold and one person with no evidence yet."""
    own: dict[str, Any] = {"birth_date": "1990", "unit": None}
    ids = {
        # returned, confirmed captive before: 304 days in captivity
        "returned_confirmed": add(
            session,
            [
                ("reported_missing", "10.03.2022", "2022-03-15"),
                ("captor_list", "20.05.2022", "2022-05-20"),
                ("icrc_notification", "01.08.2022", "2022-08-03"),
                ("returned", "08.01.2023", "2023-01-08"),
            ],
            missing_date="10.03.2022",
            missing_place="с. Іванівка, Донецька обл.",
            **{**own, "unit": "А0001"},
            branch="Сухопутні війська",
        ),
        # returned in the same exchange, never confirmed before: 281 days
        "returned_unconfirmed": add(
            session,
            [
                ("reported_missing", "02.04.2022", "2022-04-05"),
                ("returned", "08.01.2023", "2023-01-08"),
            ],
            missing_date="02.04.2022",
            missing_place="м. Ізюм, Харківська обл.",
            **{**own, "unit": "А0001"},
            branch="Сухопутні війська",
        ),
        # died in captivity in 2023
        "died_captive": add(
            session,
            [
                ("reported_missing", "01.05.2022", "2022-05-03"),
                ("icrc_notification", "01.07.2022", "2022-07-02"),
                ("died", "15.03.2023", "2023-03-20"),
            ],
            missing_date="01.05.2022",
            missing_place="Сєвєродонецьк, Луганська область",
            **own,
        ),
        # killed, never known captive; the place names no region
        "died_not_captive": add(
            session,
            [
                ("reported_missing", "01.06.2022", "2022-06-03"),
                ("remains_identified", "01.02.2023", "2023-02-10"),
            ],
            missing_date="01.06.2022",
            missing_place="Бахмут",
            **own,
        ),
        # seen in a captor's video (learnt of two months later), no word since: incommunicado
        "seen_silent": add(
            session,
            [
                ("reported_missing", "15.01.2023", "2023-01-20"),
                ("seen_in_media", "01.02.2023", "2023-04-10"),
            ],
            missing_date="15.01.2023",
            missing_place="с. Іванівка, Донецька обл.",
            **own,
        ),
        # confirmed, and called home six weeks before ON
        "confirmed_in_touch": add(
            session,
            [
                ("reported_missing", "01.06.2023", "2023-06-02"),
                ("icrc_notification", "01.08.2023", "2023-08-02"),
                ("letter_or_call", "15.11.2024", "2024-11-16"),
            ],
            missing_date="01.06.2023",
            missing_place="Запорізька обл.",
            **own,
        ),
        "missing": add(
            session,
            [("reported_missing", "10.02.2024", "2024-02-12")],
            missing_date="10.02.2024",
            **own,
        ),
        "no_evidence_yet": add(session, [], **own),
        # prisoners we hold: two captured in the week of 4 March 2024, one in March 2024
        "held": add(session, [("captured", "04.03.2024", "2024-03-05")], side="adversary", **own),
        "repatriated": add(
            session,
            [("captured", "06.03.2024", "2024-03-07"), ("repatriated", "10.10.2024", "2024-10-10")],
            side="adversary",
            **own,
        ),
        "in_hospital": add(
            session,
            [("captured", "03.2024", "2024-04-01"), ("hospitalised", "02.04.2024", "2024-04-02")],
            side="adversary",
            **own,
        ),
    }
    return ids
