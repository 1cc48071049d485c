"""The package version and the pipeline version stored with every document (a module of its own so that
internal modules can read them without importing the public API in ``eventledger/__init__.py``)."""

__version__ = "0.1.0"
PIPELINE_VERSION = "0.1.0"
