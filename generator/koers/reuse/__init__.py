"""Reusing what did not change: cache root, atomic store, digests, downloads and the site."""
