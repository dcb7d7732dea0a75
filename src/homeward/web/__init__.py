"""The web application: server-rendered pages (Jinja2 + HTMX) and a JSON API under /api.

Both call the same use cases (`homeward.web.usecases`), which check permissions, call the
services and write the audit log, so a page and its API route cannot drift apart.
"""
