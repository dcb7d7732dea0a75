"""The statistics page: charts drawn on the server (SVG) with their tables, the estimate in words,
each table as CSV (public: small cells hidden); for analysts and admins, every view audited."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from homeward.access.models import AuditEntry
from homeward.access.roles import Role
from homeward.registry.models import Person
from tests.stats.register import ON, build
from tests.web.conftest import ClientFor

pytestmark = pytest.mark.db


def chart_urls(section: str) -> tuple[str, str]:
    """The chart a section links (its wide and its narrow drawing)."""
    narrow = re.search(r'<source media="[^"]*" srcset="([^"]+)"', section)
    wide = re.search(r'<img src="([^"]+)"', section)
    assert narrow and wide, section
    return html.unescape(wide.group(1)), html.unescape(narrow.group(1))


@pytest.fixture
def register(web_db: Engine) -> dict[str, int]:
    with Session(web_db) as session, session.begin():
        return build(session)


def test_the_page_shows_every_chart_as_svg_beside_its_table(
    client_as: ClientFor, register: dict[str, int], web_db: Engine
) -> None:
    client = client_as(Role.ANALYST)
    client.get("/language/en")
    page = client.get(f"/stats?on={ON.isoformat()}")
    assert page.status_code == 200, page.text
    for name in ("status_series_own", "returned_by_month", "captures_per_week", "status_by_region"):
        section = page.text.split(f'id="{name}"', 1)[1].split("</section>", 1)[0]
        assert "<table>" in section
        assert f"/stats/{name}.csv?on={ON.isoformat()}" in section
        for url in chart_urls(section):
            assert url.startswith(f"/stats/chart/{name}.svg?on={ON.isoformat()}&lang=en")
            chart = client.get(url)
            assert chart.status_code == 200 and chart.headers["content-type"] == "image/svg+xml"
            assert (
                chart.text.lstrip().startswith("<svg")
                and "immutable" in chart.headers["cache-control"]
            )
    # the returns of January 2023, one confirmed captive before and one never
    returned = page.text.split('id="returned_by_month"', 1)[1].split("</section>", 1)[0]
    assert '<td>01.2023</td><td class="num">1</td><td class="num">1</td>' in returned
    assert "documented" in page.text.split('id="estimate"', 1)[1]
    with Session(web_db) as session:
        actions = session.scalars(select(AuditEntry.action)).all()
    assert "view_statistics" in actions


def test_in_ukrainian_the_charts_and_tables_speak_ukrainian(
    client_as: ClientFor, register: dict[str, int]
) -> None:
    client = client_as(Role.ADMIN)
    client.get("/language/uk")
    page = client.get(f"/stats?on={ON.isoformat()}")
    assert page.status_code == 200
    assert "Наші люди за статусом на кінець кожного місяця" in page.text
    assert "полон не підтверджено до повернення" in page.text  # a column and a chart's legend
    assert "never confirmed before return" not in page.text
    assert "враховується, коли весь місяць чи рік минув" in page.text  # why a list shows more
    assert "04.03.2024 (2)" in page.text  # the week of most captures, written as its table's line
    # the share never confirmed, per exchange and overall, as a percentage column
    per = page.text.split('id="returned_per_exchange"', 1)[1].split("</section>", 1)[0]
    assert "частка тих, чий полон не підтверджено до повернення</th>" in per
    assert (
        '<td>08.01.2023</td><td class="num">1</td><td class="num">1</td>'
        '<td class="num">2</td><td class="num">50 %</td>' in per
    )


def test_a_table_downloads_as_csv_and_public_hides_small_counts(
    client_as: ClientFor, register: dict[str, int], web_db: Engine
) -> None:
    client = client_as(Role.ANALYST)
    url = f"/stats/returned_by_month.csv?on={ON.isoformat()}"
    full = client.get(url)
    assert full.status_code == 200 and full.headers["content-type"].startswith("text/csv")
    assert "attachment" in full.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(full.text)))
    assert rows[0] == ["month", "confirmed_before_return", "never_confirmed_before_return", "total"]
    assert rows[1] == ["2023-01", "1", "1", "2"]
    public = list(csv.reader(io.StringIO(client.get(url + "&public=true").text)))
    assert public[1] == ["2023-01", "<5", "<5", "<5"]
    with Session(web_db) as session:
        details = session.scalars(select(AuditEntry.detail).where(AuditEntry.action == "export"))
        assert {"statistics": "returned_by_month", "on": "2024-12-31", "public": True} in list(
            details
        )


def test_bad_days_and_unknown_tables_are_refused_with_a_message(
    client_as: ClientFor, register: dict[str, int]
) -> None:
    client = client_as(Role.ANALYST)
    client.get("/language/en")
    assert client.get("/stats?on=2021-01-01").status_code == 422
    assert client.get("/stats?on=not-a-day").status_code == 422
    unknown = client.get("/stats/persons_by_name.csv")
    assert unknown.status_code == 422 and "is not one of" in unknown.text


def test_only_analysts_and_admins_see_the_page(client_as: ClientFor) -> None:
    assert client_as(Role.OPERATOR).get("/stats").status_code == 403
    assert client_as(Role.ANALYST).get("/stats").status_code == 200


def test_the_printable_report_downloads_as_pdf(
    client_as: ClientFor, register: dict[str, int], web_db: Engine
) -> None:
    client = client_as(Role.ANALYST)
    page = client.get(f"/stats?on={ON.isoformat()}")
    assert f"/stats/report.pdf?on={ON.isoformat()}&amp;lang=en&amp;public=true" in page.text
    report = client.get(f"/stats/report.pdf?on={ON.isoformat()}&lang=en&public=true")
    assert report.status_code == 200 and report.content.startswith(b"%PDF")
    assert report.headers["content-type"] == "application/pdf"
    with Session(web_db) as session:
        details = list(session.scalars(select(AuditEntry.detail)))
    assert {"statistics": "report", "on": "2024-12-31", "public": True, "lang": "en"} in details


def test_the_dashboard_shows_the_charts_that_matter_most(
    client_as: ClientFor, register: dict[str, int]
) -> None:
    client = client_as(Role.OPERATOR)  # any role that reads the register
    client.get("/language/uk")
    board = client.get("/")
    assert board.status_code == 200
    for name in ("status_series_own", "returned_by_month", "captures_per_week"):
        card = board.text.split(f'id="dash-{name}"', 1)[1].split("</div>", 1)[0]
        wide, _ = chart_urls(card)
        chart = client.get(wide)  # an operator may see the dashboard's charts
        assert chart.status_code == 200 and "<svg" in chart.text
        if name == "status_series_own":
            assert "Наші люди за статусом" in chart.text  # drawn in the reader's language
    other = "/stats/chart/status_by_unit.svg?lang=uk"
    assert client.get(other).status_code == 403  # not the others
    assert "Наші люди за статусом на кінець кожного місяця" in board.text
    assert 'href="/stats#' not in board.text  # the tables are for those who may export
    assert 'href="/stats#returned_by_month"' in client_as(Role.ANALYST).get("/").text


def test_the_charts_are_drawn_again_when_the_register_changes(
    client_as: ClientFor, register: dict[str, int], web_db: Engine
) -> None:
    client = client_as(Role.ANALYST)
    client.get("/language/en")

    def chart(page: str, name: str = "status_by_branch") -> str:
        section = page.split(f'id="{name}"', 1)[1].split("</figure>", 1)[0]
        return chart_urls(section)[0]

    before = client.get(f"/stats?on={ON.isoformat()}").text
    assert chart(client.get(f"/stats?on={ON.isoformat()}").text) == chart(before)
    old = client.get(chart(before)).text
    with Session(web_db) as session, session.begin():
        person = session.get(Person, register["missing"])
        assert person is not None
        person.branch = "Військово-морські сили"  # an edit: no new evidence, no new person
    after = client.get(f"/stats?on={ON.isoformat()}").text
    assert chart(after) != chart(before)  # a new key: the browser asks for the new drawing
    assert chart(after, "deaths_by_year") == chart(before, "deaths_by_year")  # same data
    assert "Військово-морські сили" not in old
    assert "Військово-морські сили" in client.get(chart(after)).text
    # the old key names the old drawing, kept by it
    assert client.get(chart(before)).text == old


def test_without_enough_lists_the_page_says_why_there_is_no_estimate(
    client_as: ClientFor,
) -> None:
    client = client_as(Role.ANALYST)
    client.get("/language/uk")
    estimate = client.get("/stats").text.split('id="estimate"', 1)[1].split("</section>", 1)[0]
    assert "оцінити загальну кількість за цими списками неможливо" in estimate
    assert "менше ніж три списки містять хоч когось" in estimate


def test_a_worker_that_has_not_drawn_a_chart_draws_it_from_the_figures(
    client_as: ClientFor, register: dict[str, int]
) -> None:
    from homeward.web.usecases import stats as usecases

    client = client_as(Role.ANALYST)
    page = client.get(f"/stats?on={ON.isoformat()}&lang=en").text
    section = page.split('id="incommunicado"', 1)[1].split("</section>", 1)[0]
    wide, narrow = chart_urls(section)
    first = client.get(narrow)
    usecases._DRAWN.clear()  # another worker, or this one after a restart
    usecases._NAMED.clear()
    again = client.get(narrow)
    assert again.text == first.text and "immutable" in again.headers["cache-control"]
    assert client.get(wide).text != first.text  # the wide and the narrow are two drawings
    unknown = client.get("/stats/chart/persons_by_name.svg")
    assert unknown.status_code == 422 and "persons_by_name" in unknown.text


def test_the_estimate_by_year_and_region_says_why_where_counts_do_not_allow(
    client_as: ClientFor, register: dict[str, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    from homeward.web.usecases import stats as usecases

    client = client_as(Role.ANALYST)
    client.get("/language/en")
    page = client.get(f"/stats?on={ON.isoformat()}").text
    years = page.split('id="strata-year"', 1)[1].split("</table>", 1)[0]
    assert "<td>2022</td>" in years
    assert "no estimate: fewer than 50 documented: too few to estimate from" in years
    # 2024's one person is on no list yet: the year is a stratum all the same (the register's
    # histories keep it, with none observed), and the page says no list covers it, not "at
    # least 0 documented"
    row = years.split("<td>2024</td>", 1)[1].split("</tr>", 1)[0]
    assert "No list covers it: no estimate." in row and "At least 0" not in page
    regions = page.split('id="strata-region"', 1)[1].split("</table>", 1)[0]
    assert "Донецька обл." in regions
    client.get("/language/uk")
    monkeypatch.setattr(usecases, "MIN_DOCUMENTED", 1)
    usecases._STRATA.clear()
    page = client.get(f"/stats?on={ON.isoformat()}").text
    years = page.split('id="strata-year"', 1)[1].split("</table>", 1)[0]
    row = years.split("<td>2022</td>", 1)[1].split("</tr>", 1)[0]
    # three persons, estimated: the estimator's own answer (its interval open where the
    # profile cannot be followed), never an error
    assert "Щонайменше 3 задокументовано; за оцінкою" in row or "оцінки немає" in row
    assert "замало для оцінки" not in row
    row = years.split("<td>2024</td>", 1)[1].split("</tr>", 1)[0]
    assert "Жоден список його не охоплює: оцінки немає." in row and "Щонайменше 0" not in page


def test_a_key_answers_only_under_its_own_name(
    client_as: ClientFor, register: dict[str, int]
) -> None:
    """An operator may see the dashboard's charts, not the others: a key of another chart asked
    under a dashboard chart's name gives that dashboard chart, never the other."""
    analyst = client_as(Role.ANALYST)
    page = analyst.get(f"/stats?on={ON.isoformat()}&lang=en").text
    units = page.split('id="status_by_unit"', 1)[1].split("</section>", 1)[0]
    wide, _ = chart_urls(units)
    drawing = analyst.get(wide).text
    key = wide.rsplit("&k=", 1)[1]
    operator = client_as(Role.OPERATOR)
    assert operator.get(wide).status_code == 403
    other = operator.get(f"/stats/chart/status_series_own.svg?on={ON.isoformat()}&lang=en&k={key}")
    assert other.status_code == 200 and other.text != drawing
    assert "no-cache" in other.headers["cache-control"]  # not the drawing the key names


def test_the_estimates_download_as_csv_in_the_readers_language(
    client_as: ClientFor, register: dict[str, int], web_db: Engine
) -> None:
    from homeward.web.usecases import stats as usecases

    usecases._STRATA.clear()  # estimated by another test with another least number documented
    client = client_as(Role.ANALYST)
    client.get("/language/uk")
    page = client.get(f"/stats?on={ON.isoformat()}").text
    estimate = page.split('id="estimate"', 1)[1].split("</section>", 1)[0]
    assert f"/stats/estimate.csv?on={ON.isoformat()}&amp;public=true" in estimate
    url = f"/stats/estimate.csv?on={ON.isoformat()}"
    full = client.get(url)
    assert full.status_code == 200 and full.headers["content-type"].startswith("text/csv")
    assert 'filename="estimate-20241231-uk.csv"' in full.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(full.text)))
    assert rows[0][:4] == ["by", "stratum", "observed", "estimate"]
    assert rows[1][:2] == ["all", "all"]
    years = {line[1]: line for line in rows if line[0] == "year"}
    assert years["2022"][-2] == "too_few_documented"
    assert "замало для оцінки" in years["2022"][-1]  # the reason in the reader's language
    assert years["2024"][-2:] == ["on_no_list", "жоден список його не охоплює"]
    assert any(line[0] == "region" and line[1] == "Донецька обл." for line in rows)
    public = list(csv.reader(io.StringIO(client.get(url + "&public=true").text)))
    assert years["2022"][2] not in ("<5", "x") and public[0] == rows[0]
    assert {line[1]: line for line in public if line[0] == "year"}["2022"][2] == "<5"
    assert client_as(Role.OPERATOR).get(url).status_code == 403
    with Session(web_db) as session:
        details = list(session.scalars(select(AuditEntry.detail)))
    assert {"statistics": "estimate", "on": "2024-12-31", "public": True} in details


def test_the_days_figures_are_counted_before_anyone_asks(
    client_as: ClientFor, register: dict[str, int], web_db: Engine
) -> None:
    from homeward.db import session_factory
    from homeward.web.usecases import stats as usecases

    usecases._LIVE.clear()
    usecases.warm_once(session_factory(web_db), 90)  # what a served app does at start
    [live] = usecases._LIVE.values()
    assert live.generation == 1 and len(live.tally) > 0
    assert client_as(Role.OPERATOR).get("/").status_code == 200  # the dashboard: today's
    assert live.generation == 1  # found counted, not counted again


def test_every_csv_is_headed_by_codes_whatever_the_readers_language(
    client_as: ClientFor, register: dict[str, int]
) -> None:
    """On purpose (docs/statistics.md): a table's CSV and the estimates' CSV both head their
    columns with the documentation's codes in Ukrainian and in English alike, and the page
    says so; only the estimates' reasons are also given in words."""
    client = client_as(Role.ANALYST)
    headers: dict[str, list[list[str]]] = {}
    for lang in ("uk", "en"):
        client.get(f"/language/{lang}")
        page = client.get(f"/stats?on={ON.isoformat()}").text
        assert 'id="csv-columns"' in page
        for url in ("/stats/returned_by_month.csv", "/stats/estimate.csv"):
            text = client.get(f"{url}?on={ON.isoformat()}").text
            headers.setdefault(url, []).append(next(csv.reader(io.StringIO(text))))
    assert "Стовпці файлів CSV названо кодами" in client_as(Role.ANALYST).get("/stats").text
    for url, (uk, en) in headers.items():
        assert uk == en, url
    assert headers["/stats/estimate.csv"][0][-2:] == ["reason_code", "reason"]
