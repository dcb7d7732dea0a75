"""Exchanges: versioned lists both ways, category rules (pure, three-valued), the balance, and
the reconciliation of who came back (DESIGN.md, "Exchanges")."""
