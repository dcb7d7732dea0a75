"""Linkage: one person once, with every report about them — explainable and reviewed."""
