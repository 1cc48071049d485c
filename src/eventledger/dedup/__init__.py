"""Near-duplicate documents and cross-report incidents (not built yet).

Reprints and retellings of one incident must become one incident with several reports,
counting independent sources once. Nothing here produces output until that stage lands.
"""
