"""Armistice: a wargame of the Korean War, 1950-53."""

__version__ = "0.1.0"
