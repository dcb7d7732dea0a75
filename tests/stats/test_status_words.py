"""A status heading a column or a band of the figures counts many persons: in Ukrainian it is
said in the plural ("Повернулися"), not as one man's status ("Повернувся")."""

from __future__ import annotations

import pytest

from homeward.stats.words import Words


@pytest.mark.parametrize(
    ("code", "ukrainian", "english"),
    [
        ("returned", "Повернулися", "Returned"),
        ("missing", "Зниклі безвісти", "Missing"),
        ("deceased", "Загинули", "Deceased"),
        ("repatriated", "Репатрійовані", "Repatriated"),
        ("captivity_confirmed", "Полон підтверджено", "Captivity confirmed"),
    ],
)
def test_a_status_over_many_persons_is_in_the_plural(
    code: str, ukrainian: str, english: str
) -> None:
    assert Words("uk")(code) == ukrainian
    assert Words("en")(code) == english
