"""`homeward names show` and `homeward names key`, run through typer's CliRunner."""

from typer.testing import CliRunner

from homeward.names.cli import app

runner = CliRunner()


def test_show_prints_the_cleaned_form_language_transliterations_equivalents_and_keys() -> None:
    result = runner.invoke(app, ["show", "КОВАЛЕНКО Олексaндр Петрович"])
    assert result.exit_code == 0, result.output
    for expected in (
        "КОВАЛЕНКО Олександр Петрович",  # cleaned: the Latin a repaired
        "language: uk",
        "KOVALENKO Oleksandr Petrovych",  # KMU 2010
        "KOVALENKO Oleksandr Petrovich",  # ICAO 9303
        "Александр",  # an equivalent
        "aleksandr",  # the given name's match key
        "kovalenko",
    ):
        assert expected in result.output


def test_show_reads_one_part_when_told() -> None:
    result = runner.invoke(app, ["show", "Петрова", "--part", "surname"])
    assert result.exit_code == 0, result.output
    assert "Петров" in result.output
    assert "petrov" in result.output


def test_key_prints_a_tab_separated_line_per_input_line() -> None:
    result = runner.invoke(
        app, ["key", "--part", "surname"], input="Шевченко\nSchewtschenko\n\nПЕТРОВА\n"
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Шевченко\tshevchenko\txfxnk"
    assert lines[1] == "Schewtschenko\tshevchenko\txfxnk"
    assert lines[2] == "\t\t"
    assert lines[3].startswith("ПЕТРОВА\tpetrov\t")


def test_key_keys_patronymics_by_the_fathers_name() -> None:
    result = runner.invoke(app, ["key", "--part", "patronymic"], input="Миколайович\nNikolaevich\n")
    assert result.exit_code == 0, result.output
    keys = {line.split("\t")[1] for line in result.output.splitlines()}
    assert len(keys) == 1


def test_key_rejects_an_unknown_part() -> None:
    result = runner.invoke(app, ["key", "--part", "nickname"], input="x\n")
    assert result.exit_code != 0


def test_key_requires_a_part() -> None:
    result = runner.invoke(app, ["key"], input="x\n")
    assert result.exit_code != 0


def test_show_prints_json_for_scripts() -> None:
    import json

    from typer.testing import CliRunner

    from homeward.names.cli import app

    result = CliRunner().invoke(app, ["show", "КОВАЛЕНКО Олександр Петрович", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["kmu2010"] == "KOVALENKO Oleksandr Petrovych"
    assert [p["part"] for p in data["parts"]] == ["surname", "given", "patronymic"]
    assert "Александр" in data["parts"][1]["equivalents"]
