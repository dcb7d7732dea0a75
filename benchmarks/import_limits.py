"""Time and peak memory of reading lists made to take a server's memory, refused by the limits.

Each file is built on the fly in a temporary folder: the issue's workbook (a few megabytes
that unpack to 1.1 GB, 12 million rows), the same with its parts lying about their size, a
workbook of two cells 200,000 rows and 100 columns apart, and a CSV of a million rows; beside
them, a list of 20,000 rows read whole. Every reading runs in a process of its own, so that its
peak memory is its own. The baseline, in the same run, is the reading as it was before the
limits: python-calamine loading each sheet whole (`to_python`), `csv.reader` over all rows.

    .venv/bin/python benchmarks/import_limits.py [--rows 12000000]

(The two cells are not put at XFD1048576, the far corner of a sheet: read unguarded, that
rectangle of 17 billion cells would take the machine down, not measure it.)
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Nothing heavy is imported at the top: the readings run in processes of their own, and a process
# started from a large one inherits its peak memory.
ROOT = Path(__file__).resolve().parents[1]


def _unguarded(path: Path) -> str:
    """The reading as it was: every sheet loaded whole, every row made a Python list."""
    import python_calamine

    data = path.read_bytes()
    if data.startswith(b"PK"):
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        rows = sum(
            len(
                [list(row) for row in book.get_sheet_by_name(name).to_python(skip_empty_area=False)]
            )
            for name in book.sheet_names
        )
    else:
        rows = len([list(row) for row in csv.reader(io.StringIO(data.decode()))])
    return f"read whole: {rows:,} rows"


def _homeward(path: Path) -> str:
    from homeward.imports.limits import ListTooLarge
    from homeward.imports.reading import read_file

    try:
        book = read_file(path)
    except ListTooLarge as refused:
        return f"refused: {str(refused).split(' (HOMEWARD')[0]}"
    return f"read: {sum(len(sheet.rows) for sheet in book.sheets):,} rows"


def child(reader: str, path: Path) -> None:
    started = time.perf_counter()
    outcome = (_homeward if reader == "homeward" else _unguarded)(path)
    print(json.dumps({"seconds": time.perf_counter() - started, "outcome": outcome}))


def measure(reader: str, path: Path) -> tuple[float, float, str]:
    """Seconds, peak MiB and outcome of one reading, in a process of its own."""
    command = [sys.executable, __file__, "--child", reader, str(path)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    output = process.stdout.read() if process.stdout else ""
    if status != 0 or not output.strip():
        return float("nan"), usage.ru_maxrss / 1024, f"failed (status {status})"
    result = json.loads(output)
    return result["seconds"], usage.ru_maxrss / 1024, result["outcome"]


def build(folder: Path, rows: int) -> None:
    """The files, written into `folder`; their labels and paths printed as JSON."""
    sys.path.insert(0, str(ROOT))
    from tests.imports.bombs import lying_about_sizes, xlsx_bomb, xlsx_with_cells
    from tests.imports.files import DEMO_HEADER, demo_rows, write_xlsx

    bomb = xlsx_bomb(folder / "bomb.xlsx", rows=rows)
    liar = lying_about_sizes(folder / "liar.xlsx", source=bomb)
    far = xlsx_with_cells(folder / "far.xlsx", {"A1": "Прізвище", "CV200000": "x"})
    long_csv = folder / "long.csv"
    long_csv.write_bytes(b"x,y\r\n" * 1_000_000)
    legit = write_xlsx(folder / "list.xlsx", {"Список": [DEMO_HEADER, *demo_rows(20_000)]})
    import zipfile

    unpacked = sum(i.file_size for i in zipfile.ZipFile(bomb).infolist())
    cases = [
        (f"a list of 20,000 rows, XLSX ({legit.stat().st_size / 2**20:.1f} MB)", legit),
        (
            f"{rows:,} rows, XLSX of {bomb.stat().st_size / 2**20:.1f} MB "
            f"unpacking to {unpacked / 2**20:,.0f} MB",
            bomb,
        ),
        ("the same, its parts saying they unpack to 1,000 bytes", liar),
        ("two cells, A1 and CV200000 (20 million between them)", far),
        ("a CSV of 1,000,000 rows (4.8 MB)", long_csv),
    ]
    print(json.dumps([(label, str(path)) for label, path in cases]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=12_000_000)
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--build", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]))
        return
    if args.build:
        build(Path(args.build), args.rows)
        return
    with tempfile.TemporaryDirectory(prefix="homeward-limits-") as folder:
        built = subprocess.run(
            [sys.executable, __file__, "--build", folder, "--rows", str(args.rows)],
            check=True,
            capture_output=True,
            text=True,
        )
        cases = [(label, Path(path)) for label, path in json.loads(built.stdout)]
        print("| file | reader | seconds | peak MiB | outcome |")
        print("| --- | --- | ---: | ---: | --- |")
        for label, path in cases:
            for reader, name in (("unguarded", "as before (baseline)"), ("homeward", "Homeward")):
                if reader == "unguarded" and path.name == "liar.xlsx":
                    continue  # read whole, it is the bomb above
                seconds, peak, outcome = measure(reader, path)
                print(f"| {label} | {name} | {seconds:.2f} | {peak:,.0f} | {outcome} |")


if __name__ == "__main__":
    main()
