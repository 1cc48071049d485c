"""`python -m eventledger ...`: the `eventledger` command, for environments without its script on PATH."""

from eventledger.cli import main

main()
