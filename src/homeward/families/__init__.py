"""Families: the liaison's work with relatives, and what a relative may see.

- the contacts workspace: a person's contacts, their consents, language and channel, and the
  contact log (`service`);
- the queue of families to inform, derived from the evidence, never typed (`queue`, rules in
  the pure `news`);
- family access codes (`access`, the codes themselves in the pure `codes`) and the family
  page's sessions they open (`sessions`), what the page shows (`page`);
- a relative's messages, which enter intake as relatives' reports (`messages`);
- certified extracts with a verification code (`extracts`), and the letters (`papers`);
- messages to families, approved by a liaison and sent over SMTP (`outbox`, `mail`).

What a family sees, and why no more: docs/families.md.
"""
