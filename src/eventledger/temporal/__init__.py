"""The temporal stage: TIMEX3 expressions and the time interval of each event.

``tag_text`` finds and normalises time expressions (TempEval-3 values plus an inclusive ISO
interval with its precision); ``find_timexes`` does so for an annotated document, with its
publication date as the anchor; ``assign_times`` gives each event the interval of the
expression governing its clause; ``times_records`` is the `eventledger times` contract.
"""

from eventledger.temporal.event_time import assign_times, find_timexes
from eventledger.temporal.records import times_records
from eventledger.temporal.tagger import tag_text

__all__ = ["assign_times", "find_timexes", "tag_text", "times_records"]
