"""Homeward: a register for prisoners of war and persons missing under special circumstances."""

__version__ = "0.1.0"
