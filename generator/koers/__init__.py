"""Koers: strategy as code for Dutch municipalities."""

__version__ = "0.2.0"
