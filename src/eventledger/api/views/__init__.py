"""The endpoints, one module per resource (as datasette's ``views/``); ``app.create_app`` includes each ``router``.

- ``documents``: documents and their raw bytes
- ``events``: the event list, map points, facets, one event, the vocabulary
- ``review``: who am I, accept / reject / correct / merge an event (token required)
- ``incidents``: incidents across reports, their history, split and merge (token required)
- ``export``: the filtered events as a file
- ``web``: the offline Swagger UI and the single-page web UI
"""
