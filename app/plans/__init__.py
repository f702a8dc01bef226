"""The individual plan (IPUS): items, versions, checks and its lifecycle."""
