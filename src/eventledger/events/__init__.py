"""The events stage: PLOVER-coded events with actors, status, attribution, quantities, evidence.

``extract_events`` reads the parse made once by the annotate stage and returns one ``Event`` per
incident, with ``evidence[0]`` the clause that states it. The ontology and the trigger lexicons are
data (``data/*.json``), curated on top of a lexicon derived from PETRARCH2's CAMEO dictionary.
Crimes PLOVER has no type for (smuggling, trafficking) are coded ``OTHER`` with mode and context
``crime``. ``REPORTABLE_STATUSES`` names the statuses of events that happened (or are reported as
having happened), the ones an export of occurred events should keep: an ordered, planned,
hypothetical, negated or denied act is kept in the records but did not happen.
"""

from eventledger.events._extract import extract_events
from eventledger.model import REPORTABLE_STATUSES  # defined with the record shapes that split on it

__all__ = ["REPORTABLE_STATUSES", "extract_events"]
