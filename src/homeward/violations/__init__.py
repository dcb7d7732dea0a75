"""Violations: incidents in the "who did what to whom" model (an incident has acts; an act has
a type, victims who are persons in the register, alleged perpetrators, a place, a date or range
and the sources that support it), and the content-addressed store of the files that prove them.
See docs/violations.md."""
