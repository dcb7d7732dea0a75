"""Every table of every domain, so that migrations and `init` see the whole schema."""

from __future__ import annotations


def load_all() -> None:
    import homeward.access.models
    import homeward.custody.models
    import homeward.exchanges.models
    import homeward.families.models
    import homeward.imports.models
    import homeward.linkage.models
    import homeward.registry.models
    import homeward.testimonies.models
    import homeward.violations.models  # noqa: F401
