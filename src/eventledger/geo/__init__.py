"""The geo stage: find place names in a report, put them on the map, give events a place.

Fully offline: the gazetteer is compiled once from installed packages into a SQLite index
(``python -m eventledger.geo.build``) and only read at run time.
"""

from eventledger.geo.assign import assign_places
from eventledger.geo.records import places_records
from eventledger.geo.tagger import find_toponyms, tag_text

__all__ = ["assign_places", "find_toponyms", "places_records", "tag_text"]
