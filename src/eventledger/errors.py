"""One exception tree, so the CLI can catch a single root and print one line.

    EventledgerError
    ├── InputError            a file or record that cannot be read as a document
    │   ├── UnreadableInput   missing, unreadable, a directory entry we may not open
    │   ├── EmptyInput        zero bytes, or nothing but whitespace / markup
    │   ├── UnsupportedFormat binary garbage, an unknown container
    │   └── CorruptInput      truncated gzip / WARC, malformed JSON or XML
    ├── ExtractionError       a readable page with no article body in it
    ├── StoreError            the database cannot be opened, migrated or written
    │   ├── NotFound          an event, document or blob that is not in the database
    │   └── ReviewError       a review that cannot be applied as asked
    ├── AuthError             a missing, unknown or revoked token on a write
    └── ConfigError           a bad option, a missing model or data package

Messages name the file or record and say what to do next; they never carry a traceback.
"""


class EventledgerError(Exception):
    """Root of every error eventledger raises on purpose."""


class InputError(EventledgerError):
    """An input (file or record inside a container) cannot become a document."""


class UnreadableInput(InputError):
    """A missing or unreadable file or directory entry."""


class EmptyInput(InputError):
    """Zero bytes, or nothing but whitespace or markup."""


class UnsupportedFormat(InputError):
    """Binary data or a container format eventledger does not read."""


class CorruptInput(InputError):
    """A truncated gzip or WARC, malformed JSON or XML."""


class ExtractionError(EventledgerError):
    """A readable page with no article body in it."""


class StoreError(EventledgerError):
    """The database cannot be opened, migrated or written."""


class NotFound(StoreError):
    """The event, document or blob asked for is not in the database."""


class ReviewError(StoreError):
    """A review that cannot be applied as asked (merge into itself, unknown field, ...)."""


class InvalidCorrection(ReviewError):
    """A correction whose values are invalid together with the event's (an interval ending before it starts)."""


class AuthError(EventledgerError):
    """A missing, unknown or revoked token on a write."""


class ConfigError(EventledgerError):
    """A bad option or setting, or a missing model or data package."""
