"""eventledger: news reports in, an evidence-backed event database out.

Every value the pipeline produces points back to character offsets in a document's
clean body, and every document's raw bytes are kept under their SHA-256.
"""

__version__ = "0.1.0"
PIPELINE_VERSION = "0.1.0"

__all__ = ["PIPELINE_VERSION", "__version__"]
