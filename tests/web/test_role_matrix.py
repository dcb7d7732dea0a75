"""Every route × every role, and the anonymous visitor: who gets in, who gets 403.

The table below is the application's access policy, written out; a route missing from it fails
the test, so a new route cannot ship without a decision about who may use it."""

from __future__ import annotations

import re

import httpx
import pytest
from fastapi import FastAPI

from homeward.access.roles import GRANTS, Permission, Role
from homeward.web.routes import routers_of
from tests.web.conftest import Client, ClientFor

PUBLIC = "public"
SIGNED_IN = "signed in"

P = Permission
POLICY: dict[tuple[str, str], Permission | str] = {
    ("GET", "/sign-in"): PUBLIC,
    ("POST", "/sign-in"): PUBLIC,
    ("GET", "/language/{lang}"): PUBLIC,
    ("GET", "/healthz"): PUBLIC,
    ("GET", "/readyz"): PUBLIC,
    ("GET", "/api/docs"): PUBLIC,
    ("POST", "/api/session"): PUBLIC,
    ("POST", "/sign-out"): SIGNED_IN,
    ("GET", "/account/password"): SIGNED_IN,
    ("POST", "/account/password"): SIGNED_IN,
    ("GET", "/api/me"): SIGNED_IN,
    ("DELETE", "/api/session"): SIGNED_IN,
    ("GET", "/"): P.READ,
    ("GET", "/api/dashboard"): P.READ,
    ("GET", "/search"): P.READ,
    ("GET", "/search/export"): P.EXPORT,
    ("GET", "/api/persons"): P.READ,
    ("GET", "/persons/{person_id}"): P.READ,
    ("GET", "/api/persons/{person_id}"): P.READ,
    ("POST", "/persons/{person_id}/evidence"): P.EVIDENCE,
    ("POST", "/persons/{person_id}/names"): P.INTAKE,
    ("POST", "/api/persons/{person_id}/evidence"): P.EVIDENCE,
    ("GET", "/persons/{person_id}/edit"): P.INTAKE,
    ("POST", "/persons/{person_id}/edit"): P.INTAKE,
    ("PATCH", "/api/persons/{person_id}"): P.INTAKE,
    ("GET", "/persons/{person_id}/merge"): P.REVIEW,
    ("POST", "/persons/{person_id}/merge"): P.REVIEW,
    ("POST", "/merges/{merge_id}/undo"): P.REVIEW,
    ("GET", "/intake"): P.INTAKE,
    ("POST", "/intake"): P.INTAKE,
    ("POST", "/intake/candidates"): P.INTAKE,
    ("GET", "/intake/done/{report_id}"): P.INTAKE,
    ("POST", "/api/intake"): P.INTAKE,
    ("POST", "/api/intake/candidates"): P.INTAKE,
    ("GET", "/review"): P.REVIEW,
    ("GET", "/review/{proposal_id}"): P.REVIEW,
    ("POST", "/review/{proposal_id}/accept"): P.REVIEW,
    ("POST", "/review/{proposal_id}/reject"): P.REVIEW,
    ("GET", "/api/review"): P.REVIEW,
    ("GET", "/api/review/{proposal_id}"): P.REVIEW,
    ("POST", "/api/review/{proposal_id}/accept"): P.REVIEW,
    ("POST", "/api/review/{proposal_id}/reject"): P.REVIEW,
    ("GET", "/imports"): P.IMPORT,
    ("POST", "/imports/preview"): P.IMPORT,
    ("POST", "/imports/commit"): P.IMPORT,
    ("POST", "/api/imports/preview"): P.IMPORT,
    ("POST", "/api/imports"): P.IMPORT,
    ("GET", "/audit"): P.AUDIT,
    ("GET", "/users"): P.USERS,
    ("POST", "/users"): P.USERS,
    ("POST", "/users/{username}/{act}"): P.USERS,
    ("GET", "/audit/export.csv"): P.AUDIT,
    ("GET", "/audit/verify"): P.AUDIT,
    ("GET", "/api/audit"): P.AUDIT,
    ("GET", "/api/audit/verify"): P.AUDIT,
    ("GET", "/custody"): P.CUSTODY,
    ("POST", "/custody/notify"): P.CUSTODY,
    ("GET", "/custody/register"): P.CUSTODY,
    ("POST", "/custody/register"): P.CUSTODY,
    ("POST", "/custody/register/candidates"): P.CUSTODY,
    ("GET", "/custody/prisoners/{person_id}"): P.CUSTODY,
    ("POST", "/custody/prisoners/{person_id}/card"): P.CUSTODY,
    ("POST", "/custody/prisoners/{person_id}/events"): P.CUSTODY,
    ("POST", "/custody/prisoners/{person_id}/letters"): P.CUSTODY,
    ("POST", "/custody/prisoners/{person_id}/inspections"): P.CUSTODY_SPECIAL,
    ("POST", "/custody/prisoners/{person_id}/profile"): P.CUSTODY_SPECIAL,
    ("POST", "/custody/prisoners/{person_id}/records/{kind}"): P.CUSTODY,
    ("POST", "/custody/prisoners/{person_id}/effects/{effect_id}/disposal"): P.CUSTODY,
    ("GET", "/api/custody/clocks"): P.CUSTODY,
    ("POST", "/api/custody/prisoners"): P.CUSTODY,
    ("GET", "/api/custody/prisoners/{person_id}"): P.CUSTODY,
    ("POST", "/api/custody/prisoners/{person_id}/events"): P.CUSTODY,
    ("POST", "/api/custody/prisoners/{person_id}/card"): P.CUSTODY,
    # his records through the API: letters and articles for the bureau, medical records only
    # for a role that may read special-category data
    ("GET", "/api/custody/prisoners/{person_id}/letters"): P.CUSTODY,
    ("POST", "/api/custody/prisoners/{person_id}/letters"): P.CUSTODY,
    ("GET", "/api/custody/prisoners/{person_id}/effects"): P.CUSTODY,
    ("POST", "/api/custody/prisoners/{person_id}/effects"): P.CUSTODY,
    ("POST", "/api/custody/prisoners/{person_id}/effects/{effect_id}/disposal"): P.CUSTODY,
    ("GET", "/api/custody/prisoners/{person_id}/inspections"): P.CUSTODY_SPECIAL,
    ("POST", "/api/custody/prisoners/{person_id}/inspections"): P.CUSTODY_SPECIAL,
    ("GET", "/api/custody/prisoners/{person_id}/health-reports"): P.CUSTODY_SPECIAL,
    ("POST", "/api/custody/prisoners/{person_id}/health-reports"): P.CUSTODY_SPECIAL,
    ("GET", "/api/custody/prisoners/{person_id}/annex-findings"): P.CUSTODY_SPECIAL,
    ("POST", "/api/custody/prisoners/{person_id}/annex-findings"): P.CUSTODY_SPECIAL,
    # a death (the notice, printable again as the notification, and the enquiry) for the
    # bureau; the profile only for a role that may read special-category data
    ("GET", "/api/custody/prisoners/{person_id}/death-notices"): P.CUSTODY,
    ("POST", "/api/custody/prisoners/{person_id}/death-notices"): P.CUSTODY,
    ("GET", "/api/custody/prisoners/{person_id}/death-notices/{notice_id}/notification"): (
        P.CUSTODY
    ),
    ("GET", "/api/custody/prisoners/{person_id}/enquiries"): P.CUSTODY,
    ("POST", "/api/custody/prisoners/{person_id}/enquiries"): P.CUSTODY,
    ("GET", "/api/custody/prisoners/{person_id}/profiles"): P.CUSTODY_SPECIAL,
    ("POST", "/api/custody/prisoners/{person_id}/profiles"): P.CUSTODY_SPECIAL,
    # violations: incidents and evidence files (homeward.violations)
    ("GET", "/incidents"): P.INCIDENTS_READ,
    ("GET", "/incidents/new"): P.INCIDENTS,
    ("POST", "/incidents"): P.INCIDENTS,
    ("GET", "/incidents/{incident_id}"): P.INCIDENTS_READ,
    ("POST", "/incidents/{incident_id}/acts"): P.INCIDENTS,
    ("GET", "/incidents/{incident_id}/case-file"): P.INCIDENTS_READ,
    ("GET", "/incidents-export/{file_format}"): P.INCIDENTS_READ,
    ("POST", "/perpetrators"): P.INCIDENTS,
    ("GET", "/perpetrators"): P.INCIDENTS_READ,
    ("GET", "/perpetrators/{perpetrator_id}"): P.INCIDENTS_READ,
    ("POST", "/perpetrators/{perpetrator_id}/edit"): P.INCIDENTS,
    ("GET", "/acts/{act_id}/edit"): P.INCIDENTS,
    ("POST", "/acts/{act_id}/edit"): P.INCIDENTS,
    ("POST", "/files/upload"): P.INCIDENTS,
    ("GET", "/files/{file_id}"): P.FILES,
    ("GET", "/files/{file_id}/content"): P.FILES,
    ("GET", "/api/exchanges"): P.READ,
    ("GET", "/api/exchanges/{exchange_id}"): P.READ,
    ("GET", "/api/incidents"): P.INCIDENTS_READ,
    ("GET", "/api/incidents/{incident_id}"): P.INCIDENTS_READ,
    # statistics: analysts (and admins)
    ("GET", "/stats"): P.EXPORT,
    ("GET", "/stats/estimate.csv"): P.EXPORT,
    ("GET", "/stats/{name}.csv"): P.EXPORT,
    ("GET", "/stats/chart/{name}.svg"): P.READ,  # the dashboard's charts; the others: EXPORT
    ("GET", "/stats/report.pdf"): P.EXPORT,
    # families: the liaison's workspace and the JSON API
    ("GET", "/families"): P.FAMILIES,
    ("GET", "/families/persons/{person_id}"): P.CONTACTS_READ,
    ("POST", "/families/persons/{person_id}/contacts"): P.CONTACTS_WRITE,
    ("GET", "/families/contacts/{contact_id}/edit"): P.CONTACTS_WRITE,
    ("POST", "/families/contacts/{contact_id}/edit"): P.CONTACTS_WRITE,
    ("POST", "/families/contacts/{contact_id}/consent"): P.CONTACTS_WRITE,
    ("POST", "/families/contacts/{contact_id}/log"): P.CONTACTS_WRITE,
    ("POST", "/families/contacts/{contact_id}/informed"): P.FAMILIES,
    ("POST", "/families/contacts/{contact_id}/codes"): P.FAMILIES,
    ("POST", "/families/codes/{code_id}/letter"): P.FAMILIES,
    ("POST", "/families/codes/{code_id}/revoke"): P.FAMILIES,
    ("POST", "/families/persons/{person_id}/extracts"): P.FAMILIES,
    ("GET", "/families/extracts/{extract_id}/pdf"): P.FAMILIES,
    ("POST", "/families/extracts/{extract_id}/revoke"): P.FAMILIES,
    ("GET", "/families/messages"): P.FAMILIES,
    ("GET", "/families/messages/{message_id}/attachment"): P.FAMILIES,
    ("POST", "/families/messages/{message_id}/take-in"): P.FAMILIES,
    ("POST", "/families/messages/{message_id}/set-aside"): P.FAMILIES,
    ("GET", "/families/outbox"): P.FAMILIES,
    ("POST", "/families/contacts/{contact_id}/outbox"): P.FAMILIES,
    ("POST", "/families/outbox/{message_id}/send"): P.FAMILIES,
    ("POST", "/families/outbox/{message_id}/cancel"): P.FAMILIES,
    ("GET", "/api/persons/{person_id}/contacts"): P.CONTACTS_READ,
    ("GET", "/api/families/queue"): P.FAMILIES,
    ("POST", "/api/contacts/{contact_id}/informed"): P.FAMILIES,
    ("POST", "/api/contacts/{contact_id}/family-codes"): P.FAMILIES,
    ("POST", "/api/family-codes/{code_id}/revoke"): P.FAMILIES,
    ("POST", "/api/persons/{person_id}/extracts"): P.FAMILIES,
    ("POST", "/api/extracts/{extract_id}/revoke"): P.FAMILIES,
    # exchanges: analysts read, the negotiator prepares lists, the admin agrees them
    ("GET", "/exchanges"): P.READ,
    ("POST", "/exchanges"): P.EXCHANGES,
    ("GET", "/exchanges/{exchange_id}"): P.READ,
    ("GET", "/exchanges/{exchange_id}/builder"): P.READ,
    ("POST", "/exchanges/{exchange_id}/builder/turn"): P.EXCHANGES,
    ("GET", "/exchanges/{exchange_id}/compare"): P.READ,
    ("GET", "/exchanges/{exchange_id}/lists/{side}.pdf"): P.READ,
    ("GET", "/exchanges/returnees/{person_id}"): P.READ,
    ("POST", "/exchanges/returnees/{person_id}/tasks"): P.EXCHANGES,
    ("POST", "/exchanges/{exchange_id}/propose"): P.EXCHANGES,
    ("POST", "/exchanges/{exchange_id}/agree"): P.EXCHANGES_AGREE,
    ("POST", "/exchanges/{exchange_id}/carried-out"): P.EXCHANGES_AGREE,
    ("POST", "/custody/prisoners/{person_id}/holds"): P.EXCHANGES,
    ("POST", "/custody/prisoners/{person_id}/holds/{hold_id}/lift"): P.EXCHANGES,
    ("POST", "/exchanges/{exchange_id}/reconcile"): P.EXCHANGES,
    ("GET", "/exchanges/{exchange_id}/reconcile"): P.READ,
    # testimonies: operators record debriefings; operators and analysts read and resolve;
    # investigators read them (the acts of violation the witnesses tell of), never resolve
    ("GET", "/testimonies"): P.TESTIMONIES_READ,
    ("GET", "/testimonies/new"): P.INTAKE,
    ("POST", "/testimonies/new"): P.INTAKE,
    ("GET", "/testimonies/row"): P.INTAKE,
    ("POST", "/testimonies/candidates"): P.INTAKE,
    ("GET", "/testimonies/mentions"): P.TESTIMONIES,
    ("GET", "/testimonies/mentions/{mention_id}"): P.TESTIMONIES,
    ("POST", "/testimonies/mentions/reexamine"): P.TESTIMONIES,
    ("POST", "/testimonies/mentions/{mention_id}/link"): P.TESTIMONIES,
    ("POST", "/testimonies/mentions/{mention_id}/dismiss"): P.TESTIMONIES,
    ("POST", "/testimonies/mentions/{mention_id}/unlink"): P.TESTIMONIES,
    ("GET", "/testimonies/{debriefing_id}"): P.TESTIMONIES_READ,
    # the interviewer records what a witness told: acts from a mention (an investigator too),
    # files of a debriefing
    ("POST", "/testimonies/mentions/{mention_id}/acts"): P.TESTIMONY_ACTS,
    ("POST", "/testimonies/{debriefing_id}/files"): P.INTAKE,
    ("GET", "/api/testimonies"): P.TESTIMONIES_READ,
    ("GET", "/api/testimonies/{debriefing_id}"): P.TESTIMONIES_READ,
    ("GET", "/places"): P.READ,
    ("GET", "/places/{place_id}"): P.READ,
    # the family page (a family's own session, tests/families/web/) and /verify: no staff
    # session is asked for, and none gives anything there
    ("GET", "/family"): PUBLIC,
    ("POST", "/family"): PUBLIC,
    ("GET", "/family/message"): PUBLIC,
    ("POST", "/family/message"): PUBLIC,
    ("GET", "/family/consent"): PUBLIC,
    ("POST", "/family/consent"): PUBLIC,
    ("POST", "/family/leave"): PUBLIC,
    ("GET", "/verify"): PUBLIC,
    ("GET", "/verify/{code}"): PUBLIC,
}


def app_routes() -> set[tuple[str, str]]:
    found = set()
    for package, prefix in (("homeward.web.routes", ""), ("homeward.web.api", "/api")):
        for router in routers_of(package):
            for route in router.routes:
                for method in getattr(route, "methods", set()) - {"HEAD"}:
                    found.add((method, prefix + getattr(route, "path", "")))
    return found


def test_every_route_has_a_decided_policy() -> None:
    routes = app_routes()
    assert routes - POLICY.keys() == set(), "routes without a policy"
    assert POLICY.keys() - routes == set(), "policy for routes that do not exist"


def concrete(path: str) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: "en" if m.group(1) == "lang" else "1", path)


def call(client: Client, method: str, path: str, csrf: str) -> int:
    url = concrete(path)
    headers = {"X-CSRF-Token": csrf} if csrf else {}
    if method == "GET":
        response: httpx.Response = client.get(url, headers=headers)
        return response.status_code
    if path.startswith("/api/"):
        response = client.request(method, url, json={}, headers=headers)
        return response.status_code
    response = client.request(method, url, data={"csrf_token": csrf}, headers=headers)
    return response.status_code


@pytest.mark.parametrize("role", [*Role, None], ids=lambda r: r.value if r else "anonymous")
def test_each_role_gets_in_exactly_where_the_policy_says(
    role: Role | None, client_as: ClientFor, app: FastAPI
) -> None:
    wrong: list[str] = []
    for (method, path), rule in sorted(POLICY.items(), key=lambda item: item[0][1]):
        if path in ("/sign-in",) and method == "POST":
            continue  # signing in is tested on its own (throttling counts per address)
        if path == "/readyz":
            continue  # 503 until the worker has warmed up, by design
        client = client_as(role)
        status = call(client, method, path, client.csrf)
        if status >= 500:
            wrong.append(f"{method} {path}: server error {status}")
        elif rule == PUBLIC:
            continue
        elif role is None:
            expected = 401 if path.startswith("/api/") else 303
            if status != expected:
                wrong.append(f"{method} {path}: anonymous got {status}, not {expected}")
        elif rule == SIGNED_IN or (isinstance(rule, Permission) and rule in GRANTS[role]):
            if status in (401, 403):
                wrong.append(f"{method} {path}: {role.value} refused ({status})")
        elif status != 403:
            wrong.append(f"{method} {path}: {role.value} got {status}, not 403")
    assert not wrong, "\n".join(wrong)
