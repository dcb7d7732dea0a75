"""Pages of a long list: which page was asked for, how many there are, and the links to the
others, which keep the list's filters; `_pager.html` draws the links."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from homeward.errors import InvalidInput
from homeward.text import ascii_number

MAX_PAGE = 100_000


def _(message: str) -> str:
    """Marks a message for the catalogue; the page that shows it translates it."""
    return message


def page_of(text: str | None) -> int:
    """The page asked for ("" is the first); anything but a number is an `InvalidInput`."""
    text = (text or "").strip()
    if not text:
        return 1
    if ascii_number(text, most=MAX_PAGE) is None or int(text) < 1:
        raise InvalidInput("page", _("is not a page number"))
    return int(text)


@dataclass(frozen=True)
class Pages:
    """Where a page stands in its list. `params` are the list's filters as the query string
    gave them: every link keeps them. A page past the last is the last. A page with several
    lists pages each by its own `key` (the others' pages are kept among the `params`), and
    its links lead back to the list's `anchor`."""

    page: int
    per_page: int
    total: int
    path: str
    params: tuple[tuple[str, str], ...] = ()
    key: str = "page"
    anchor: str = ""

    @classmethod
    def of(
        cls,
        asked: int,
        *,
        per_page: int,
        total: int,
        path: str,
        params: Iterable[tuple[str, str]] = (),
        key: str = "page",
        anchor: str = "",
    ) -> Pages:
        last = max(1, -(-total // per_page))
        kept = tuple((k, v) for k, v in params if k != key and v.strip())
        return cls(min(max(asked, 1), last), per_page, total, path, kept, key, anchor)

    @property
    def count(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page

    @property
    def first_shown(self) -> int:
        return min(self.offset + 1, self.total)

    @property
    def last_shown(self) -> int:
        return min(self.offset + self.per_page, self.total)

    @property
    def filters(self) -> str:
        """The list's filters as a query string (for an export of the whole list)."""
        return urlencode(self.params)

    def link(self, page: int) -> str:
        params = list(self.params) + ([(self.key, str(page))] if page > 1 else [])
        fragment = "#" + self.anchor if self.anchor else ""
        return self.path + ("?" + urlencode(params) if params else "") + fragment
