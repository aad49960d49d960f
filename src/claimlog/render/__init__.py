"""Renderers: one module per output format. Nothing here prints; each returns text."""
