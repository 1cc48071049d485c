"""The offline web map, timeline and review UI: static files under ``static/`` (no CDN).

``api.app.create_app`` serves ``static/index.html`` at ``/`` and the rest under ``/static``; the
page reads and reviews through the HTTP API only.
"""
