"""The API's documentation, served from vendored files: users may be offline, and the page's
policy allows no script from anywhere else."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from homeward.web.security import CSP

router = APIRouter(include_in_schema=False)

# Swagger UI sets style attributes as it draws: this page alone allows inline styles.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Homeward API</title>
  <link rel="stylesheet" href="/static/swagger-ui/swagger-ui.css">
  <link rel="icon" href="/static/favicon.svg">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/static/swagger-ui/swagger-ui-bundle.js"></script>
  <script src="/static/api-docs.js"></script>
</body>
</html>
"""


@router.get("/api/docs")
def api_docs() -> HTMLResponse:
    return HTMLResponse(_PAGE, headers={"Content-Security-Policy": DOCS_CSP})
