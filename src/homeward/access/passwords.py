"""Passwords: argon2id hashes only; the clear text is never stored nor logged."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from homeward.errors import InvalidInput

MIN_LENGTH = 12
_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters

# Verifying against this keeps a sign-in for an unknown user as slow as for a known one. It is
# the hash of a random text thrown away when it was made (no password matches it), with the
# hasher's parameters (tests/access/test_passwords.py checks they still are): written here rather
# than hashed on import, which cost every command a third of a second and 64 MiB.
_DUMMY_HASH = (
    "$argon2id$v=19$m=65536,t=3,p=4$"
    "gOEl/O9n39ULDmeJFr/Brw$RnLYXG7HPgrDHFW1+LQBGDI3nZ2BCUh00W8w5S0O800"
)


def check_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise InvalidInput("password", "must have at least %(n)s characters", n=MIN_LENGTH)
    if len(set(password)) < 5:
        raise InvalidInput("password", "is too repetitive")


def hash_password(password: str) -> str:
    check_strength(password)
    return _hasher.hash(password)


def verify_password(stored_hash: str | None, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash or _DUMMY_HASH, password) and stored_hash is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    return _hasher.check_needs_rehash(stored_hash)


def generate_password() -> str:
    """A random password for a new user, readable aloud: four groups of five."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4))
