"""The duty rules are pure: importing them loads no database or web library."""

import subprocess
import sys


def test_the_clocks_import_no_database_or_web_library() -> None:
    code = (
        "import sys, homeward.custody.clocks; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'sqlalchemy', 'fastapi', 'psycopg', 'alembic', 'weasyprint'}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
