"""Access codes and verification codes: long, random, typed by hand, kept as a hash."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from homeward.families.codes import (
    ACCESS_BITS,
    ACCESS_GROUP,
    ACCESS_LENGTH,
    ALPHABET,
    VERIFY_BITS,
    VERIFY_LENGTH,
    code_hash,
    grouped,
    new_code,
    normalised,
)


def test_codes_carry_at_least_100_bits() -> None:
    assert len(ALPHABET) == 2**5 == len(set(ALPHABET))
    assert ACCESS_BITS >= 100 and VERIFY_BITS >= 100
    assert len(new_code(ACCESS_LENGTH)) * 5 == ACCESS_BITS


def test_codes_leave_out_letters_read_as_others() -> None:
    assert not set("ILOU") & set(ALPHABET)


def test_codes_are_not_repeated() -> None:
    assert len({new_code(ACCESS_LENGTH) for _ in range(2000)}) == 2000


@given(st.text(alphabet=ALPHABET, min_size=ACCESS_LENGTH, max_size=ACCESS_LENGTH))
def test_a_code_typed_in_any_case_with_any_separators_is_the_code(code: str) -> None:
    printed = grouped(code, ACCESS_GROUP)
    for typed in (printed, printed.lower(), printed.replace("-", " "), f"  {printed}  "):
        assert normalised(typed, length=ACCESS_LENGTH) == code


def test_look_alike_letters_read_as_the_digits_they_resemble() -> None:
    code = "0" * 12 + "1" * 12
    assert normalised("O" * 12 + "I" * 6 + "l" * 6, length=ACCESS_LENGTH) == code


def test_a_code_of_the_wrong_length_or_with_foreign_characters_is_no_code() -> None:
    assert normalised("ABC", length=ACCESS_LENGTH) is None
    assert normalised("Ж" * ACCESS_LENGTH, length=ACCESS_LENGTH) is None
    assert normalised("A" * 10_000, length=ACCESS_LENGTH) is None
    assert normalised("U" * VERIFY_LENGTH, length=VERIFY_LENGTH) is None


def test_the_hash_depends_on_the_kind_of_code() -> None:
    code = new_code(VERIFY_LENGTH)
    assert code_hash("family", code) != code_hash("extract", code)
    assert len(code_hash("family", code)) == 64
