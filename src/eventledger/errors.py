"""One exception tree, so the CLI can catch a single root and print one line.

    EventledgerError
    ├── InputError            a file or record that cannot be read as a document
    │   ├── UnreadableInput   missing, unreadable, a directory entry we may not open
    │   ├── EmptyInput        zero bytes, or nothing but whitespace / markup
    │   ├── UnsupportedFormat binary garbage, an unknown container
    │   └── CorruptInput      truncated gzip / WARC, malformed JSON or XML
    ├── ExtractionError       a readable page with no article body in it
    ├── StoreError            the database cannot be opened, migrated or written
    └── ConfigError           a bad option, a missing model or data package

Messages name the file or record and say what to do next; they never carry a traceback.
"""


class EventledgerError(Exception):
    """Root of every error eventledger raises on purpose."""


class InputError(EventledgerError):
    """An input (file or record inside a container) cannot become a document."""


class UnreadableInput(InputError):
    pass


class EmptyInput(InputError):
    pass


class UnsupportedFormat(InputError):
    pass


class CorruptInput(InputError):
    pass


class ExtractionError(EventledgerError):
    pass


class StoreError(EventledgerError):
    pass


class ConfigError(EventledgerError):
    pass
