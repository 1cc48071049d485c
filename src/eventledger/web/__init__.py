"""Offline web map, timeline and review UI (not built yet).

Served by the API process from static files shipped in the package; no CDN.
"""
