"""Who may do what: users, roles, web sessions, and the hash-chained audit log."""
