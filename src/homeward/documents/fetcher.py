"""What WeasyPrint may load while it lays out a document: files of this package, nothing else.

A document holds personal data; a template that named a web address (a font, an image, a
tracking pixel) would leak that the document was made, and a path outside the package could
read any file of the server. Both fail the rendering instead of being skipped with a warning.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

PACKAGE_DIR = Path(__file__).resolve().parent


class ResourceOutsidePackage(ValueError):
    """A template asked for a resource that is neither a file of this package nor a data URI."""


class PackageFetcher(URLFetcher):  # type: ignore[misc]  # WeasyPrint ships no type hints
    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        if url.startswith("data:"):  # decoded in memory by urllib: nothing leaves the machine
            return super().fetch(url, headers)
        path = package_file(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), body=path.read_bytes(), headers={"Content-Type": content_type}
        )


def package_file(url: str) -> Path:
    """The file of this package that `url` names, or ResourceOutsidePackage."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise ResourceOutsidePackage(f"{url}: documents load only files of homeward.documents")
    path = Path(url2pathname(parts.path)).resolve()
    if not path.is_relative_to(PACKAGE_DIR) or not path.is_file():
        raise ResourceOutsidePackage(f"{url}: no such file in homeward.documents")
    return path
