"""A Ukrainian report says everything of the statistics in Ukrainian: headings, definitions,
caveats, the columns and the reason there is no estimate (read back with pdftotext)."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from homeward.stats.histories import CaptureHistories
from homeward.stats.mse import estimate_population
from homeward.stats.report import report_pdf
from homeward.stats.service import register_figures
from tests.factories import ANALYST
from tests.stats.register import ON, build

# a chart drawn as an empty picture: the charts' own words are tested in test_charts.py
BLANK = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>'


def text_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_ukrainian_report_without_an_estimate_has_no_english_left(
    session: Session, tmp_path: Path
) -> None:
    build(session)
    figures = register_figures(session, actor=ANALYST, on=ON, today=date.today())
    # everyone on A is on B, everyone on C on A and B: the estimate would be infinite
    nested = CaptureHistories(("A", "B", "C"), {(0, 1, 0): 5, (1, 1, 0): 1, (1, 1, 1): 1})
    estimate = estimate_population(nested)
    assert estimate.reason is not None and estimate.reason.code == "no_mle"
    shares = {}
    for public in (False, True):
        pdf = report_pdf(figures, estimate, lang="uk", public=public, draw=lambda *_: BLANK)
        text = text_of(pdf, tmp_path)
        flat = " ".join(text.split())
        assert "оцінки максимальної правдоподібності не існує" in flat
        assert "частка тих, чий" in flat  # the share's column (its header wraps)
        # the lists' names are the only Latin letters (A, B, C), and "x" for a withheld cell
        english = sorted(set(re.findall(r"[A-Za-z]{2,}", text)))
        assert not english, english
        if not public:  # the headline's share is written as the table's
            assert "з них полон не підтверджено до повернення 1 (50 %)" in flat
        exchange = next(line for line in text.splitlines() if "08.01.2023" in line)
        shares[public] = " ".join(exchange.split()[1:])
    # one returnee confirmed before, one never: half; public, the counts are under 5, and the
    # share made of them is withheld too
    assert shares == {False: "1 1 2 50 %", True: "<5 <5 <5 x"}
