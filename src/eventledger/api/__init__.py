"""The HTTP API and the web UI over one database: ``app.create_app(db)`` and ``app.serve(db, host, port)``.

Endpoints are grouped by resource in ``views/``; they call only public ``Store`` methods and the
record shapes of ``eventledger.export``. FastAPI is imported only when ``app`` is, so commands that
never serve do not pay for it.
"""
