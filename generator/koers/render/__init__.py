"""Renderers: turn checked content into SVG posters, site pages and PDF."""
