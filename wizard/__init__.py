"""Recourse: complaint procedures as decision trees, checked, compiled and walked step by step."""

__version__ = "0.1.0"
