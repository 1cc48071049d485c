"""Run spaCy once per document; every later stage reads the same parse.

Parsing is the most expensive step of the pipeline, so it happens here exactly once and
the ``Doc`` travels with the document instead of being recomputed by each stage.
"""

from eventledger.annotate.nlp import Annotated, annotate, annotate_many, load_nlp, transient_parses

__all__ = ["Annotated", "annotate", "annotate_many", "load_nlp", "transient_parses"]
