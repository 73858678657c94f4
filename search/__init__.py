"""govsearch library API: open an index, search it, find similar measures."""
