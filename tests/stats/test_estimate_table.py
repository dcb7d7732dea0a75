"""The estimate of those on no list as a table to download: overall and by stratum, the reasons
in the reader's language, and public with the small numbers documented hidden."""

from __future__ import annotations

from homeward.stats.estimate_table import COLUMNS, estimate_rows
from homeward.stats.loglinear import Reason
from homeward.stats.mse import LEVEL, Estimate, IntervalMethod
from homeward.stats.words import Words

FEW = Reason(
    "too_few_documented", "fewer than %(least)s documented: too few to estimate from", least=50
)


def estimate(
    observed: int, total: float | None = None, high: float = 0.0, **more: object
) -> Estimate:
    interval = None if total is None else (total - 10.0, high or total + 10.0)
    return Estimate(
        lists=("relatives", "icrc", "captor"),
        observed=observed,
        estimate=total,
        interval=interval,
        level=LEVEL,
        method=IntervalMethod.PROFILE,
        **more,  # type: ignore[arg-type]
    )


WHOLE = estimate(300, 412.4, interactions=(("relatives", "icrc"),))
STRATA = {
    "year": {
        "2022": estimate(200, 260.0, high=float("inf")),
        "2023": estimate(97, 130.0),
        "unknown": estimate(3, reason=FEW),
    },
    "region": {"Донецька обл.": estimate(280, 390.0), "unknown": estimate(20, reason=FEW)},
}


def test_one_line_overall_then_one_per_stratum_with_the_model_or_the_reason() -> None:
    rows = estimate_rows(WHOLE, STRATA, translate=Words("en").translate)
    assert rows[0] == list(COLUMNS)
    by = {(line[0], line[1]): dict(zip(COLUMNS, line, strict=True)) for line in rows[1:]}
    whole = by[("all", "all")]
    assert (whole["observed"], whole["estimate"], whole["interval_low"]) == ("300", "412", "402")
    assert whole["interval_high"] == "422" and whole["interactions"] == "relatives×icrc"
    assert (whole["level"], whole["interval_method"], whole["reason"]) == ("0.95", "profile", "")
    assert by[("year", "2022")]["interval_high"] == ""  # no finite upper bound
    few = by[("year", "unknown")]
    assert few["estimate"] == "" and few["reason_code"] == "too_few_documented"
    assert few["reason"] == "fewer than 50 documented: too few to estimate from"
    assert by[("region", "Донецька обл.")]["estimate"] == "390"


def test_the_reason_is_in_the_readers_language() -> None:
    rows = estimate_rows(WHOLE, STRATA, translate=Words("uk").translate)
    few = next(line for line in rows if line[:2] == ["year", "unknown"])
    assert "замало для оцінки" in few[-1] and few[-2] == "too_few_documented"


def test_public_hides_small_numbers_and_what_would_give_them_away() -> None:
    rows = estimate_rows(WHOLE, STRATA, translate=Words("en").translate, public=True)
    by = {(line[0], line[1]): line for line in rows[1:]}
    assert by[("year", "unknown")][2] == "<5"
    # the years add up to the whole: the smallest other year is withheld too, with its estimate
    assert by[("year", "2023")][2:5] == ["x", "x", "x"]
    assert by[("year", "2022")][2:4] == ["200", "260"]
    # the regions' 20 is not small, so nothing there is hidden
    assert by[("region", "unknown")][2] == "20" and by[("all", "all")][2] == "300"
    assert by[("region", "Донецька обл.")][2:4] == ["280", "390"]


def test_strata_that_do_not_add_up_to_the_whole_are_not_its_parts() -> None:
    strata = {"year": {"2022": estimate(2, reason=FEW), "2023": estimate(90, 120.0)}}
    rows = estimate_rows(WHOLE, strata, translate=Words("en").translate, public=True)
    assert [line[2] for line in rows[1:]] == ["300", "<5", "90"]


def test_a_stratum_no_list_covers_is_not_at_least_zero() -> None:
    nobody = estimate(0, reason=Reason("on_no_list", "no list covers it"))
    assert nobody.sentence() == "None documented; no estimate of the total: no list covers it."
    rows = estimate_rows(WHOLE, {"year": {"2024": nobody}}, translate=Words("uk").translate)
    assert rows[-1][-2:] == ["on_no_list", "жоден список його не охоплює"]
