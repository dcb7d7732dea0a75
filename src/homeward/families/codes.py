"""Family access codes and extracts' verification codes. Pure: no database.

A code is random (the operating system's generator), long enough that guessing is hopeless
(`ACCESS_BITS`, `VERIFY_BITS`, both at least 100), written in Crockford's base 32 — digits and
capital letters without I, L, O and U, so that nothing is mistaken on paper or a phone — in
groups, and stored only as its SHA-256 (with a prefix per kind of code). A code of that
strength needs no slow hash: nobody can try 2**100 codes, so the hash only keeps a copy of the
database from handing out working codes.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Final

ALPHABET: Final = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
BITS_PER_CHARACTER: Final = 5
ACCESS_LENGTH: Final = 24  # a family's access code: 120 bits, six groups of four
VERIFY_LENGTH: Final = 20  # an extract's verification code: 100 bits, four groups of five
ACCESS_BITS: Final = ACCESS_LENGTH * BITS_PER_CHARACTER
VERIFY_BITS: Final = VERIFY_LENGTH * BITS_PER_CHARACTER
ACCESS_GROUP: Final = 4
VERIFY_GROUP: Final = 5

# What a reader may type for a character the alphabet leaves out.
_READ_AS: Final = {"O": "0", "I": "1", "L": "1"}
_SEPARATORS: Final = frozenset(" -–—_.\t\u00a0")


def new_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def grouped(code: str, size: int) -> str:
    """`7KQ4M2XD…` as `7KQ4-M2XD-…`, as it is printed and shown."""
    return "-".join(code[i : i + size] for i in range(0, len(code), size))


def normalised(text: str, *, length: int) -> str | None:
    """The code a person typed, as stored (upper case, no separators, look-alikes read as
    the alphabet's characters), or None when it cannot be a code of that length."""
    if len(text) > 4 * length:
        return None
    kept = []
    for char in text.upper():
        if char in _SEPARATORS:
            continue
        char = _READ_AS.get(char, char)
        if char not in ALPHABET:
            return None
        kept.append(char)
    return "".join(kept) if len(kept) == length else None


def code_hash(kind: str, code: str) -> str:
    """What is stored of a code: its SHA-256, after a prefix naming its kind."""
    return hashlib.sha256(f"homeward-{kind}:{code}".encode()).hexdigest()
