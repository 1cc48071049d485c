"""One reader per container format; each yields documents and per-record failures."""
