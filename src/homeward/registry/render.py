"""A person's dossier on the terminal (Rich)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.table import Table

from homeward.cli_support import console
from homeward.registry.dossier import Dossier, evidence_json


def _table(title: str, columns: tuple[str, ...]) -> Table:
    table = Table(title=title, title_justify="left", expand=True)
    for column in columns:
        table.add_column(column, overflow="fold")
    return table


def print_dossier(dossier: Dossier, lang: str = "en") -> None:
    person = dossier.person
    identity = _table(f"Person {person.id} (version {person.version})", ("field", "value"))
    for field, value in dossier.identity().items():
        if value not in (None, ""):
            identity.add_row(field, str(value))
    if person.merged_into_id:
        identity.add_row("merged into", str(person.merged_into_id))
    for identifier in person.identifiers:
        identity.add_row(identifier.kind, identifier.value)

    names = _table("Name variants", ("surname", "given name", "patronymic", "source"))
    for n in person.names:
        source = n.source.name if n.source else ""
        names.add_row(n.surname, n.given_name or "", n.patronymic or "", source)

    status = dossier.status
    flags = " · incommunicado" if status.incommunicado else ""
    headline = f"[bold]{status.status.value}[/]{flags} (rule {status.rule})"
    status_panel = Panel(f"{headline}\n{dossier.explanation(lang)}", title="Status")

    evidence = _table("Evidence", ("id", "on", "kind", "reliability", "place", "source", "note"))
    for row in dossier.evidence:
        e = evidence_json(row, status)
        style = "" if e["in_force"] else "strike dim"
        evidence.add_row(
            *(str(e[c] or "") for c in ("id", "on", "kind", "reliability", "place", "source")),
            e["note"] or ("" if e["in_force"] else f"superseded / retraction of {e['supersedes']}"),
            style=style,
        )

    reports = _table("Reports", ("id", "received", "source", "as written"))
    for r in dossier.reports:
        written = ", ".join(f"{k}={v}" for k, v in r.payload.items() if v)
        reports.add_row(str(r.id), r.received_at.date().isoformat(), r.source.name, written)

    contacts = _table("Contacts", ("name", "relation", "phone", "e-mail", "consents"))
    for c in dossier.contacts:
        consents = f"contact: {'yes' if c.consent_contact else 'no'}, "
        consents += f"share: {'yes' if c.consent_share else 'no'}"
        contacts.add_row(c.name, c.relation, c.phone or "", c.email or "", consents)

    parts: list[RenderableType] = [identity, names, status_panel, evidence, reports]
    if dossier.contacts:
        parts.append(contacts)
    console.print(Group(*parts))
