"""The audit log's signing key: a secret kept outside the database.

The log's hash chain shows an edited or deleted entry only to someone who cannot recompute the
hashes that follow it, and anyone can: the digest is public. Each entry is therefore also
signed with HMAC-SHA-256 under a key the database does not hold (`HOMEWARD_AUDIT_KEY`, or the
file `homeward init` writes with a random key, readable by its owner only). Whoever edits an
entry and recomputes the chain cannot sign it again without the key.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import lru_cache
from pathlib import Path

from homeward.settings import Settings


def audit_key_of(settings: Settings) -> bytes | None:
    """The key: `HOMEWARD_AUDIT_KEY`, else the key file's content; None when neither exists."""
    if settings.audit_key:
        return settings.audit_key.encode()
    try:
        text = settings.audit_key_file.read_text("ascii").strip()
    except FileNotFoundError:
        return None
    return text.encode() if text else None


SIGNING_KEY = "homeward.audit_key"  # Session.info key: a key other than the deployment's


def configured_key() -> bytes | None:
    """The deployment's key, as the settings give it now (read again when the environment or
    the key file changes: `homeward init` writes the file)."""
    settings = _settings(os.environ.get("HOMEWARD_AUDIT_KEY"), os.environ.get(_KEY_FILE))
    try:
        modified = settings.audit_key_file.stat().st_mtime_ns
    except OSError:
        modified = None
    return _key(settings.audit_key, str(settings.audit_key_file), modified)


_KEY_FILE = "HOMEWARD_AUDIT_KEY_FILE"


@lru_cache(maxsize=8)
def _settings(_key: str | None, _key_file: str | None) -> Settings:
    """The settings, read again only when the variables naming the key change (reading them
    all costs a millisecond, and every audited request asks)."""
    return Settings()


@lru_cache(maxsize=8)
def _key(from_environment: str | None, path: str, _modified: int | None) -> bytes | None:
    return audit_key_of(Settings(audit_key=from_environment, audit_key_file=Path(path)))


def ensure_audit_key(settings: Settings) -> Path | None:
    """Write a random key to the key file unless one is configured or the file exists; returns
    the file (None when the key comes from the environment)."""
    if settings.audit_key:
        return None
    path = settings.audit_key_file
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32) + "\n")
    return path


def signature(key: bytes, entry_hash: str) -> str:
    """An entry's signature: HMAC-SHA-256 of its hash, which covers the entry and the chain."""
    return hmac.new(key, entry_hash.encode("ascii"), hashlib.sha256).hexdigest()


def signed_by(key: bytes, entry_hash: str, mac: str) -> bool:
    return hmac.compare_digest(signature(key, entry_hash), mac)
