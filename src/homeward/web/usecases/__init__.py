"""What the pages and the API do, once: check the permission, call the service, audit.

Each function takes the session and the caller's `Actor`; a page and its API route call the
same function, so they cannot drift apart in what they allow or what they log.
"""
