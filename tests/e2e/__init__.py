"""End-to-end tests of the built site in a real Chromium (accessibility, privacy, keyboard, search, print).

A package, so that its conftest is `e2e.conftest` and the tests' `from conftest import …` keeps finding tests/conftest.py.
"""
