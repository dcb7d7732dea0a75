"""Passwords are kept as argon2id hashes only, and must not be short or repetitive."""

from __future__ import annotations

import re

import pytest

from homeward.access.passwords import (
    MIN_LENGTH,
    check_strength,
    generate_password,
    hash_password,
    needs_rehash,
    verify_password,
)
from homeward.errors import InvalidInput

GOOD = "correct-horse-battery"


def test_a_password_is_stored_as_an_argon2id_hash() -> None:
    stored = hash_password(GOOD)
    assert stored.startswith("$argon2id$")
    assert GOOD not in stored
    assert stored != hash_password(GOOD)  # salted
    assert not needs_rehash(stored)


def test_only_the_right_password_verifies() -> None:
    stored = hash_password(GOOD)
    assert verify_password(stored, GOOD)
    assert not verify_password(stored, GOOD.upper())
    assert not verify_password(stored, "")


def test_an_unknown_user_or_a_damaged_hash_never_verifies() -> None:
    assert not verify_password(None, GOOD)
    assert not verify_password("not a hash", GOOD)


@pytest.mark.parametrize(
    ("password", "problem"),
    [("short-one", "at least"), ("a" * 20, "repetitive"), ("abababababab", "repetitive")],
)
def test_a_weak_password_is_refused_naming_the_field(password: str, problem: str) -> None:
    with pytest.raises(InvalidInput, match=problem) as error:
        check_strength(password)
    assert error.value.field == "password"
    with pytest.raises(InvalidInput):
        hash_password(password)


def test_a_generated_password_is_strong_and_readable() -> None:
    passwords = {generate_password() for _ in range(20)}
    assert len(passwords) == 20
    for password in passwords:
        assert re.fullmatch(r"([a-z2-9]{5}-){3}[a-z2-9]{5}", password)
        assert len(password) >= MIN_LENGTH
        assert not set(password) & set("01ilo")  # no look-alikes
        check_strength(password)


def test_the_dummy_hash_has_the_hashers_parameters() -> None:
    """An unknown user's sign-in verifies against it: as slow as a known user's only if its
    parameters are those every password is hashed with now."""
    from homeward.access import passwords

    assert not passwords.needs_rehash(passwords._DUMMY_HASH)
    assert not passwords.verify_password(None, "anything-at-all-12")
