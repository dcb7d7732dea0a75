"""The JSON API under /api, described by OpenAPI at /api/openapi.json; one module an area,
each with a `router` (mounted under /api by `web.routes.include_routes`).

It signs in like the pages (a session cookie; `POST /api/session` answers with the CSRF token
that every unsafe request must send as `X-CSRF-Token`) and calls the same use cases.
"""
