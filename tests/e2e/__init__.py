"""End-to-end tests of the built site in a real Chromium (accessibility, privacy, keyboard, search, print).

A package, so that its conftest is `e2e.conftest` beside tests/conftest.py; shared helpers come from tests/support.
"""
