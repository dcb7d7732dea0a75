"""`homeward review …`: the queue of uncertain links, decided by a person, and merges undone."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from homeward.access import audit
from homeward.access.audit import AuditAction
from homeward.cli_support import (
    ActorOption,
    DbOption,
    JsonOption,
    cli_actor,
    console,
    print_json,
    settings_for,
    unit_of_work,
)
from homeward.linkage.merge import merge_persons, unmerge
from homeward.linkage.models import LinkProposal
from homeward.linkage.review import accept, audit_pair_read, get_proposal, pending, reject
from homeward.registry.dossier import IDENTITY_FIELDS
from homeward.registry.models import Person, Report
from homeward.registry.service import get_person

review_app = typer.Typer(help="Review proposed links: list, show, accept, reject; undo merges.")
Reason = Annotated[str, typer.Option(help="Why: kept with the decision.")]


def _proposal_json(p: LinkProposal) -> dict[str, Any]:
    return {
        "id": p.id,
        "kind": p.kind,
        "person_id": p.person_id,
        "other_person_id": p.other_person_id,
        "report_id": p.report_id,
        "match_probability": round(p.match_probability, 6),
        "match_weight": round(p.match_weight, 3),
        "explanation": p.explanation,
        "vetoed": p.vetoed,
        "status": p.status,
        "decided_by": p.decided_by,
        "decision_reason": p.decision_reason,
    }


@review_app.command("list")
def review_list(
    limit: Annotated[int, typer.Option(min=1, max=1000)] = 50,
    offset: Annotated[int, typer.Option(min=0)] = 0,
    actor: ActorOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Pending proposals, the decisions that move the clusters most first (the read is
    audited, as the web's queue is)."""
    with unit_of_work(settings_for(db)) as session:
        proposals, total = pending(session, limit=limit, offset=offset)
        rows = [_proposal_json(p) for p in proposals]
        audit.log(
            session,
            cli_actor(actor),
            AuditAction.VIEW_REVIEW,
            object_type="review_queue",
            detail={"offset": offset, "limit": limit, "proposals": [r["id"] for r in rows]},
        )
    if as_json:
        print_json({"total": total, "proposals": rows})
        return
    table = Table(title=f"{len(rows)} of {total} pending proposals")
    for column in ("id", "kind", "persons / report", "probability", "why"):
        table.add_column(column, overflow="fold")
    for r in rows:
        pair = f"{r['person_id']} ~ " + (
            f"report {r['report_id']}" if r["report_id"] else str(r["other_person_id"])
        )
        why = r["explanation"] + (f" [red]VETO: {r['vetoed']}[/]" if r["vetoed"] else "")
        table.add_row(str(r["id"]), r["kind"], pair, f"{r['match_probability']:.4f}", why)
    console.print(table)


def _side(person: Person | None, report: Report | None) -> dict[str, str]:
    if report is not None:
        return {k: str(v) for k, v in report.payload.items() if v}
    assert person is not None
    values = {field: getattr(person, field) for field in IDENTITY_FIELDS}
    values["birth_date"] = person.birth.iso() if person.birth else None
    values["missing_date"] = person.missing.iso() if person.missing else None
    return {k: str(v) for k, v in values.items() if v not in (None, "")}


@review_app.command("show")
def review_show(
    proposal_id: int, actor: ActorOption = None, db: DbOption = None, as_json: JsonOption = False
) -> None:
    """The two records side by side, with the weight each field adds or takes away (the read
    is audited, as the web's pair page is)."""
    with unit_of_work(settings_for(db)) as session:
        p = get_proposal(session, proposal_id)
        audit_pair_read(session, cli_actor(actor), p)
        left = _side(get_person(session, p.person_id), None)
        right = _side(
            get_person(session, p.other_person_id) if p.other_person_id else None,
            session.get(Report, p.report_id) if p.report_id else None,
        )
        data = {**_proposal_json(p), "left": left, "right": right, "fields": p.fields}
    if as_json:
        print_json(data)
        return
    table = Table(title=f"Proposal {proposal_id}: {data['kind']}, p={data['match_probability']}")
    table.add_column("field")
    table.add_column(f"person {data['person_id']}", overflow="fold")
    other = (
        f"report {data['report_id']}" if data["report_id"] else f"person {data['other_person_id']}"
    )
    table.add_column(other, overflow="fold")
    for field in dict.fromkeys([*left, *right]):
        table.add_row(field, left.get(field, ""), right.get(field, ""))
    console.print(table)
    weights = Table(title="Why")
    for column in ("field", "level", "weight"):
        weights.add_column(column)
    for f in data["fields"]:
        weights.add_row(f["field"], f["level"], f"{f['weight']:+.2f}")
    console.print(weights)
    if data["vetoed"]:
        console.print(f"[red]Never automatic:[/] {data['vetoed']}")


@review_app.command("accept")
def review_accept(
    proposal_id: int, reason: Reason, actor: ActorOption = None, db: DbOption = None
) -> None:
    """Accept: merge the two persons (the older survives) or link the report."""
    with unit_of_work(settings_for(db)) as session:
        p = accept(session, actor=cli_actor(actor), proposal_id=proposal_id, reason=reason)
        message = f"Accepted proposal {p.id}."
    console.print(message)


@review_app.command("reject")
def review_reject(
    proposal_id: int, reason: Reason, actor: ActorOption = None, db: DbOption = None
) -> None:
    """Reject: different people. The pair is not proposed again."""
    with unit_of_work(settings_for(db)) as session:
        reject(session, actor=cli_actor(actor), proposal_id=proposal_id, reason=reason)
    console.print(f"Rejected proposal {proposal_id}.")


@review_app.command("merge")
def review_merge(
    survivor: int, absorbed: int, reason: Reason, actor: ActorOption = None, db: DbOption = None
) -> None:
    """Merge two persons by hand: ABSORBED's records move to SURVIVOR."""
    with unit_of_work(settings_for(db)) as session:
        merge = merge_persons(
            session,
            actor=cli_actor(actor),
            survivor_id=survivor,
            absorbed_id=absorbed,
            reason=reason,
        )
        merge_id = merge.id
    console.print(f"Merged person {absorbed} into {survivor} (merge {merge_id}).")


@review_app.command("unmerge")
def review_unmerge(
    merge_id: int, reason: Reason, actor: ActorOption = None, db: DbOption = None
) -> None:
    """Undo a merge: both persons are exactly as they were before it."""
    with unit_of_work(settings_for(db)) as session:
        record = unmerge(session, actor=cli_actor(actor), merge_id=merge_id, reason=reason)
        pair = (record.survivor_id, record.absorbed_id)
    console.print(f"Undid merge {merge_id}: persons {pair[0]} and {pair[1]} are apart again.")
