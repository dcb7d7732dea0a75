"""Reading a PDF the way a person would: its text (pdftotext), its pages as pictures (pdftoppm),
its fonts (pdffonts). The tools are Debian's poppler-utils (`make document-packages`)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

TOOLS = ("pdftotext", "pdftoppm", "pdffonts", "pdfinfo")


def require_poppler() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if not missing:
        return
    reason = f"{', '.join(missing)} not installed: run `make document-packages`"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def _run(*command: str, pdf: bytes) -> str:
    result = subprocess.run(command, input=pdf, capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def text_of(pdf: bytes, *, layout: bool = False) -> str:
    return _run("pdftotext", *(["-layout"] if layout else []), "-", "-", pdf=pdf)


def pages_text(pdf: bytes) -> list[str]:
    """The text of each page (pdftotext ends every page with a form feed)."""
    return text_of(pdf).split("\f")[:-1]


def page_count(pdf: bytes) -> int:
    for line in _run("pdfinfo", "-", pdf=pdf).splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo printed no page count")


def font_names(pdf: bytes) -> list[str]:
    """The embedded fonts without their subset prefix: `ABCDEF+Noto-Sans` → `Noto-Sans`."""
    lines = _run("pdffonts", "-", pdf=pdf).splitlines()[2:]
    return sorted({line.split()[0].split("+", 1)[-1] for line in lines if line.strip()})


def page_sizes_pt(pdf: bytes) -> list[tuple[float, float]]:
    """The width and height of every page in points, as the PDF declares them."""
    info = _run("pdfinfo", "-f", "1", "-l", str(page_count(pdf)), "-", pdf=pdf)
    sizes = re.findall(r"^Page +\d+ size: +([\d.]+) x ([\d.]+) pts", info, re.MULTILINE)
    return [(float(width), float(height)) for width, height in sizes]


def page_images(
    pdf: bytes, folder: Path, *, dpi: int, first: int = 1, last: int | None = None
) -> list[Image.Image]:
    """Pages `first` to `last` (to the end when None) as PNG pictures at `dpi`, written to
    `folder` (kept there to look at) and opened."""
    source = folder / "document.pdf"
    source.write_bytes(pdf)
    pages = ["-f", str(first), *(["-l", str(last)] if last else [])]
    command = ["pdftoppm", "-r", str(dpi), *pages, "-png", str(source), str(folder / "page")]
    subprocess.run(command, check=True)
    return [Image.open(path) for path in sorted(folder.glob("page-*.png"))]
