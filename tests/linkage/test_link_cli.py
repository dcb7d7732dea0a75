"""`homeward link dedupe` and `homeward link list`: CSV in, CSV out, clear errors on bad files."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from homeward.linkage.cli import app

HEADER = ("record_id,surname,given_name,patronymic,sex,birth_date,birth_place,unit,"
          "missing_date,missing_place,source")  # fmt: skip
ROWS = (
    "1,Яблочкін,Володимир,Миколайович,ч,25.10.1985,с. Василівка,в/ч А4185,27.05.2025,"
    "Вовчанськ,relative",
    "2,YABLOCHKIN,VOLODYMYR,,M,1985-10-25,Vasylivka,military unit A4185,,,icrc",
    "3,Яблочкин,Владимир,Николаевич,,25.10.1985,,А4185,,,captor",
    "4,Шевчук,Марія,Петрівна,ж,1990,,,,,testimony",
)  # fmt: skip
runner = CliRunner()


def write(path: Path, *lines: str, encoding: str = "utf-8") -> Path:
    path.write_text("\n".join(lines) + "\n", encoding=encoding)
    return path


def read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_dedupe_writes_clusters_with_the_best_score(tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", HEADER, *ROWS)
    result = runner.invoke(app, ["dedupe", str(source), "--out", str(tmp_path / "out.csv")])
    assert result.exit_code == 0, result.output
    rows = {row["record_id"]: row for row in read(tmp_path / "out.csv")}
    assert list(next(iter(rows.values()))) == ["record_id", "cluster_id", "score"]
    assert rows["1"]["cluster_id"] == rows["2"]["cluster_id"] == rows["3"]["cluster_id"]
    assert rows["4"]["cluster_id"] == "4"
    assert rows["4"]["score"] == ""
    assert float(rows["1"]["score"]) > 0.9


def test_list_links_each_row_to_the_register(tmp_path: Path) -> None:
    register = write(tmp_path / "register.csv", HEADER, ROWS[0], ROWS[3])
    incoming = write(tmp_path / "list.csv", "record_id,surname,given_name,birth_date",
                     "L1,Yablochkin,Volodymyr,1985-10-25", "L2,Петренко,Іван,1970")  # fmt: skip
    out = tmp_path / "links.csv"
    result = runner.invoke(app, ["list", str(register), str(incoming), "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = {row["list_record_id"]: row for row in read(out)}
    assert list(rows["L1"]) == ["list_record_id", "register_record_id", "score", "decision"]
    assert (rows["L1"]["register_record_id"], rows["L1"]["decision"]) == ("1", "auto")
    assert (rows["L2"]["register_record_id"], rows["L2"]["decision"]) == ("", "none")


def test_list_explains_on_request(tmp_path: Path) -> None:
    register = write(tmp_path / "register.csv", HEADER, ROWS[0])
    incoming = write(tmp_path / "list.csv", "record_id,surname,given_name,birth_date",
                     "L1,Yablochkin,Volodymyr,1985-10-25")  # fmt: skip
    out = tmp_path / "links.csv"
    runner.invoke(app, ["list", str(register), str(incoming), "--out", str(out), "--explain"])
    assert "surname: same key" in read(out)[0]["explanation"]


@pytest.mark.parametrize(
    ("lines", "says"),
    [
        (("surname,given_name", "Шевчук,Марія"), "missing column record_id"),
        (("record_id,surnme", "1,Шевчук"), "unknown column(s) 'surnme'"),
        ((HEADER, ROWS[0], ROWS[0]), "row 3, record_id: '1' is also on row 2"),
        ((HEADER, "7,Шевчук"), "row 2: 2 values for 11 columns"),
        (("",), "the file is empty"),
    ],
)  # fmt: skip
def test_a_bad_file_is_a_clear_error_naming_file_row_and_field(
    tmp_path: Path, lines: tuple[str, ...], says: str
) -> None:
    source = write(tmp_path / "in.csv", *lines)
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["dedupe", str(source), "--out", str(out)])
    assert result.exit_code == 2
    assert str(source) in result.output
    assert says in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_file_in_another_encoding_is_named_and_can_be_read_with_its_encoding(
    tmp_path: Path,
) -> None:
    source = write(tmp_path / "in.csv", HEADER, *ROWS, encoding="cp1251")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["dedupe", str(source), "--out", str(out)])
    assert result.exit_code == 2
    assert "row 2: the file is not utf-8" in result.output
    assert "--encoding cp1251" in result.output
    again = runner.invoke(app, ["dedupe", str(source), "--out", str(out), "--encoding", "cp1251"])
    assert again.exit_code == 0, again.output
    assert len(read(out)) == len(ROWS)


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["dedupe", str(tmp_path / "nope.csv"), "--out", "x.csv"])
    assert result.exit_code == 2
    assert "cannot read the file" in result.output


def test_a_header_alone_gives_an_empty_result(tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", HEADER)
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["dedupe", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert read(out) == []


def test_thresholds_in_the_wrong_order_are_refused(tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", HEADER, *ROWS)
    result = runner.invoke(
        app, ["dedupe", str(source), "--out", "x.csv", "--auto", "0.5", "--review", "0.9"]
    )
    assert result.exit_code == 2
    assert "--auto and --review" in result.output


def test_an_unknown_backend_is_a_clear_error(tmp_path: Path) -> None:
    source = write(tmp_path / "in.csv", HEADER, *ROWS)
    result = runner.invoke(
        app, ["dedupe", str(source), "--out", str(tmp_path / "o.csv"), "--backend", "oracle"]
    )
    assert result.exit_code == 2
    assert "unknown linkage backend 'oracle'" in result.output


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("31.02.1990", "row 3, birth_date: '31.02.1990' is not a real date"),
        ("1945-04-93", "row 3, birth_date: '1945-04-93' is not a real date"),
        ("someday", "row 3, birth_date: 'someday' is not a date"),
    ],
)
def test_a_date_that_cannot_be_read_is_unknown_and_named(
    tmp_path: Path, value: str, says: str
) -> None:
    source = write(tmp_path / "in.csv", HEADER, ROWS[0], f"2,Яблочкін,Володимир,,,{value},,,,,")
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["dedupe", str(source), "--out", str(out)])
    assert result.exit_code == 0, result.output
    warning = next(line for line in result.output.splitlines() if "row 3" in line)
    assert f"{source}: {says}" in warning
    assert warning.endswith("; taken as unknown")
    assert [row["record_id"] for row in read(out)] == ["1", "2"]


def test_many_unreadable_dates_are_counted_after_the_first_twenty(tmp_path: Path) -> None:
    rows = [f"{i},Шевчук,Марія,,,1945-04-{60 + i},,,,," for i in range(1, 31)]
    register = write(tmp_path / "register.csv", HEADER, *ROWS)
    incoming = write(tmp_path / "list.csv", HEADER, *rows)
    out = tmp_path / "links.csv"
    result = runner.invoke(app, ["list", str(register), str(incoming), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.count("; taken as unknown") == 20
    assert "10 more values could not be read (30 in all)" in result.output
    assert len(read(out)) == 30
