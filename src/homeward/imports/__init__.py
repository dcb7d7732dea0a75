"""Importing lists: every spreadsheet that arrives, read, mapped, validated and stored at once."""
