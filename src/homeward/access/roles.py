"""Roles and what each may do. Pure: the web routes and the services ask the same table.

Least privilege: each role gets what its work needs and nothing more. The console (the CLI run
by whoever holds the database) acts with no role and is trusted as the server's operator.
"""

from __future__ import annotations

from enum import StrEnum

from homeward.errors import HomewardError


class Role(StrEnum):
    ADMIN = "admin"  # users, and everything the others do
    OPERATOR = "operator"  # intake of reports, evidence, imports
    ANALYST = "analyst"  # reading, the review queue, merges, statistics, exports
    LIAISON = "liaison"  # families: contacts and their consents
    AUDITOR = "auditor"  # reads the register and the audit log, changes nothing
    CUSTODIAN = "custodian"  # the bureau for the prisoners we hold (GC III), their medical data
    NEGOTIATOR = "negotiator"  # prepares exchange lists; an admin agrees them
    INVESTIGATOR = "investigator"  # incidents of violations and the files that prove them


class Permission(StrEnum):
    READ = "read"  # persons, search, the dashboard
    INTAKE = "intake"  # new reports and persons, edits of a person
    EVIDENCE = "evidence"
    CONTACTS_READ = "contacts_read"
    CONTACTS_WRITE = "contacts_write"
    REVIEW = "review"  # decide link proposals, merge and unmerge
    IMPORT = "import"
    EXPORT = "export"
    AUDIT = "audit"  # read the audit log
    USERS = "users"
    CUSTODY = "custody"  # the bureau's work for prisoners we hold: registration, duties
    CUSTODY_SPECIAL = "custody_special"  # their medical data and profile (special category)
    FAMILIES = "families"  # family access codes, extracts, messages to and from families
    EXCHANGES = "exchanges"  # exchanges and their lists: propose, withdraw, reconcile rosters
    EXCHANGES_AGREE = "exchanges_agree"  # mark an exchange's lists agreed (the admin's)
    TESTIMONIES = "testimonies"  # debriefings: read witnesses' words, resolve mentions
    TESTIMONIES_READ = "testimonies_read"  # debriefings: read witnesses' words, never resolve
    TESTIMONY_ACTS = "testimony_acts"  # record an act a witness told of, from his mention
    INCIDENTS_READ = "incidents_read"  # incidents, their acts, victims and sources; exports
    INCIDENTS = "incidents"  # record incidents, acts and alleged perpetrators; add files
    FILES = "files"  # open evidence files and their custody log
    FILES_RESTRICTED = "files_restricted"  # footage of captives (GC III Art. 13)


GRANTS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.OPERATOR: frozenset(
        {
            Permission.READ,
            Permission.INTAKE,
            Permission.EVIDENCE,
            Permission.CONTACTS_READ,
            Permission.CONTACTS_WRITE,
            Permission.IMPORT,
            Permission.TESTIMONIES,
            Permission.TESTIMONIES_READ,
            Permission.TESTIMONY_ACTS,  # the interviewer hears the acts first
        }
    ),
    Role.ANALYST: frozenset(
        {
            Permission.READ,
            Permission.REVIEW,
            Permission.EXPORT,
            Permission.TESTIMONIES,
            Permission.TESTIMONIES_READ,
            Permission.INCIDENTS_READ,
            Permission.FILES,
        }
    ),
    Role.LIAISON: frozenset(
        {Permission.READ, Permission.CONTACTS_READ, Permission.CONTACTS_WRITE, Permission.FAMILIES}
    ),
    Role.AUDITOR: frozenset({Permission.READ, Permission.AUDIT}),
    Role.CUSTODIAN: frozenset({Permission.READ, Permission.CUSTODY, Permission.CUSTODY_SPECIAL}),
    Role.NEGOTIATOR: frozenset({Permission.READ, Permission.EXCHANGES}),
    Role.INVESTIGATOR: frozenset(
        {
            Permission.READ,
            Permission.INCIDENTS_READ,
            Permission.INCIDENTS,
            Permission.FILES,
            Permission.FILES_RESTRICTED,
            # the acts of violation that returnees tell of are in their debriefings: read
            # them and record those acts (docs/testimonies.md), never resolve a mention
            Permission.TESTIMONIES_READ,
            Permission.TESTIMONY_ACTS,
        }
    ),
}


class Forbidden(HomewardError):
    """The user's role does not allow this."""

    def __init__(self, role: Role, permission: Permission) -> None:
        super().__init__(f"the role {role.value} may not do this ({permission.value})")
        self.role = role
        self.permission = permission


def allows(role: Role | None, permission: Permission) -> bool:
    """Whether `role` may do `permission`; None is the console, which may do everything."""
    return role is None or permission in GRANTS[role]


def require(role: Role | None, permission: Permission) -> None:
    if role is not None and permission not in GRANTS[role]:
        raise Forbidden(role, permission)
