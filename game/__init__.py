"""Corridor: a turn-based humanitarian strategy game for the terminal (Idlib, January 2020)."""

__version__ = "0.1.0"
